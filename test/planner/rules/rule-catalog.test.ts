import * as fs from "fs";
import * as path from "path";
import { ALL_RULES, ruleById } from "../../../src/planner";
import { RULE_GROUPS } from "../../../src/planner/rules";

describe("ALL_RULES", () => {
  test("every rule id is unique and matches /^ENI-[A-Z0-9-]+$/", () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^ENI-[A-Z0-9-]+$/);
    expect(ids.length).toBeGreaterThanOrEqual(40);
  });

  test("every rule has a severity, a title, an explanation, a source and a suppressible flag", () => {
    for (const r of ALL_RULES) {
      expect(["error", "warning", "info"]).toContain(r.severity);
      for (const text of [r.title, r.explanation, r.source]) {
        expect(typeof text).toBe("string");
        expect(text.trim().length).toBeGreaterThan(5);
      }
      expect(typeof r.suppressible).toBe("boolean");
    }
  });

  test("every rule of every group is in ALL_RULES, and ruleById finds each", () => {
    for (const g of RULE_GROUPS) for (const r of g.rules) expect(ALL_RULES).toContain(r);
    for (const r of ALL_RULES) expect(ruleById(r.id)).toBe(r);
    expect(ruleById("ENI-NO-SUCH-RULE")).toBeUndefined();
  });

  test("the required rules are all present", () => {
    const required = [
      "ENI-COUNT",
      "ENI-IP-COUNT",
      "ENI-IP-CREATE",
      "ENI-TYPE-UNKNOWN",
      "ENI-TYPE-PARTIAL",
      "ENI-HOTPLUG",
      "ENI-ZONE",
      "ENI-VPC",
      "ENI-VSWITCH",
      "ENI-SAME-SUBNET",
      "ENI-SG-COUNT",
      "ENI-SG-VPC",
      "ENI-SG-TYPE",
      "ENI-VPC-CIDR",
      "ENI-VSW-PREFIX",
      "ENI-VSW-IN-VPC",
      "ENI-VSW-OVERLAP",
      "ENI-VSW-COUNT",
      "ENI-IMPORT-MISMATCH",
      "ENI-IP-INVALID",
      "ENI-IP-OUTSIDE",
      "ENI-IP-RESERVED",
      "ENI-IP-USED",
      "ENI-IP-DUPLICATE",
      "ENI-VSW-EXHAUSTED",
      "ENI-IP-UNPLANNABLE",
      "ENI-LOCK-FROZEN",
      "ENI-LOCK-INVALID",
      "ENI-UNKNOWN-VALUE",
      "ENI-EIP-PRIVATE-IP",
      "ENI-EIP-PER-IP",
      "ENI-EIP-QUOTA",
      "ENI-FAILOVER-VALUE",
      "ENI-REGION-QUOTA",
      "ENI-ZONE-REGION",
      "ENI-ATTACH-ONCE",
      "ENI-HAVIP-VSWITCH",
      "ENI-HAVIP-MEMBERS",
      "ENI-HAVIP-MEMBERS-API",
      "ENI-HAVIP-STANDBY",
      "ENI-EIP-CUT-THROUGH",
      "ENI-EIP-CUT-THROUGH-EXISTING",
      "ENI-EIP-CUT-THROUGH-ORDER",
      "ENI-EIP-CUT-THROUGH-PRIVATE",
      "ENI-EIP-CUT-THROUGH-REGION",
      "ENI-EIP-MULTI-BINDED",
      "ENI-EIP-HAVIP",
      "ENI-SEC-MGMT-OPEN",
      "ENI-SEC-MGMT-EIP",
      "ENI-SEC-CREDENTIALS",
      "ENI-SEC-SG-NO-RULES",
      "ENI-SEC-SRC-DEST-CHECK",
      "ENI-IP-LOCKED",
      "ENI-LOCK-REUSE",
      "ENI-LOCK-REPAIRED",
      "ENI-LOCK-READONLY",
      "ENI-VSW-USED-UNKNOWN",
      "ENI-SG-CAPACITY",
      "ENI-IPV6-VSWITCH",
      "ENI-IPV6-COUNT",
      "ENI-IPV6-TYPE-PARTIAL",
      "ENI-IPV6-SUFFIX",
      "ENI-IPV6-OUTSIDE",
      "ENI-IPV6-RESERVED",
      "ENI-IPV6-DUPLICATE",
      "ENI-IPV6-FORCENEW",
      "ENI-IPV6-UNPLANNED",
      "ENI-PREFIX-RESERVATION",
      "ENI-PREFIX-INVALID",
      "ENI-PREFIX-OVERLAP",
      "ENI-PREFIX-EXHAUSTED",
      "ENI-PREFIX-MIX",
      "ENI-PREFIX-SLOTS",
      "ENI-PREFIX-REGION",
    ];
    expect(ALL_RULES.map((r) => r.id).sort()).toEqual([...required].sort());
  });

  test("platform limits are errors and not suppressible; the warnings are suppressible", () => {
    for (const id of ["ENI-COUNT", "ENI-IP-COUNT", "ENI-ZONE", "ENI-VPC", "ENI-SG-COUNT", "ENI-SG-CAPACITY", "ENI-IPV6-COUNT", "ENI-VSW-EXHAUSTED", "ENI-REGION-QUOTA", "ENI-LOCK-FROZEN"]) {
      expect(ruleById(id)).toMatchObject({ severity: "error", suppressible: false });
    }
    for (const r of ALL_RULES.filter((x) => x.severity !== "error")) expect(r.suppressible).toBe(true);
  });

  test("every rule id is exercised by a test in test/planner (a guard against untested rules)", () => {
    const dir = path.join(__dirname, "..");
    const texts: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".test.ts") && p !== __filename) texts.push(fs.readFileSync(p, "utf8"));
      }
    };
    walk(dir);
    const all = texts.join("\n");
    const untested = ALL_RULES.map((r) => r.id).filter((id) => !all.includes(`"${id}"`));
    expect(untested).toEqual([]);
  });
});
