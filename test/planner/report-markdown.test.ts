import { PLAN_MARKDOWN_DEFAULTS, renderPlanMarkdown } from "../../src/planner";
import { markdownText } from "../../src/planner/markdown-text";
import { MermaidIds, mermaidText } from "../../src/planner/mermaid-text";
import { big, eni, instance, NASTY, nastyReport, report, VSW } from "./report-fixtures";

/** The lines of the (only) mermaid block. */
function diagram(md: string): string[] {
  const m = /```mermaid\n([\s\S]*?)\n```/.exec(md);
  if (!m) throw new Error(`no mermaid block in:\n${md}`);
  return m[1].split("\n");
}

/** The section of `md` under `## title`, up to the next heading. */
function section(md: string, title: string): string {
  const start = md.indexOf(`## ${title}\n`);
  if (start < 0) throw new Error(`no section ${title}`);
  const end = md.indexOf("\n## ", start + 1);
  return md.slice(start, end < 0 ? undefined : end);
}

/** Every quoted label of a diagram line, decoded the way Mermaid shows it (entities, <br/>). */
function labels(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"/g)) {
    out.push(
      m[1]
        .split("<br/>")
        .join("\n")
        .replace(/#(\w+);/g, (_, e: string) => (/^\d+$/.test(e) ? String.fromCharCode(Number(e)) : ({ quot: '"', lt: "<", gt: ">", amp: "&" } as Record<string, string>)[e])),
    );
  }
  return out;
}

describe("renderPlanMarkdown", () => {
  const failover = () =>
    report({
      summary: { enis: 1, instances: 2, addresses: 4, errors: 0, warnings: 0, suppressed: 0 },
      instances: [instance("app/gw-active", "10.0.1.4"), instance("app/gw-standby", "10.0.1.5")],
      enis: [
        eni("app/gateway/Eni", "10.0.1.1", {
          secondaryIps: [{ role: "secondary-1", address: "10.0.1.2" }],
          instances: ["app/gw-active", "app/gw-standby"],
          switchable: true,
          activeInstance: "app/gw-active",
          activeChosenBy: "default of var.active_gateway",
          eips: [{ path: "app/gateway/Eip", privateIp: "10.0.1.1" }],
        }),
      ],
    });

  test("golden: a failover stack (diagram with the active candidate, failover, addresses, lock changes, findings)", () => {
    expect(renderPlanMarkdown(failover())).toBe(
      [
        "# ENI plan: stack app",
        "",
        "<!-- Written by cdktf-alicloud-eni on every synth from eni-plan.json (same folder); do not edit. -->",
        "",
        "Region cn-hangzhou: 2 instances, 1 secondary ENI, 4 private IPs, 1 vSwitch; 0 errors, 0 warnings, 0 suppressed.",
        "",
        "## Diagram",
        "",
        "```mermaid",
        "flowchart LR",
        '  subgraph vsw_0["vSwitch vsw<br/>10.0.1.0/24 · cn-hangzhou-h<br/>5 of 252 used (2%), 247 free"]',
        '    inst_0["gw-active<br/>instance ecs.g7.large<br/>primary 10.0.1.4"]',
        '    inst_1["gw-standby<br/>instance ecs.g7.large<br/>primary 10.0.1.5"]',
        '    eni_0("gateway/Eni<br/>ENI<br/>primary 10.0.1.1<br/>secondary 10.0.1.2")',
        "  end",
        '  eip_0(["gateway/Eip<br/>EIP on 10.0.1.1"])',
        '  eni_0 == "active: default of var.active_gateway" ==> inst_0',
        '  eni_0 -. "standby" .-> inst_1',
        "  eip_0 -.-> eni_0",
        "```",
        "",
        "Solid line: attached. Thick arrow: the active failover candidate, labelled with what chooses it. Dotted: other failover candidates, EIPs (NAT mode) and HaVip members.",
        "",
        "## Failover",
        "",
        "| ENI | candidates | active | chosen by |",
        "|---|---|---|---|",
        "| gateway/Eni | gw-active (active), gw-standby | gw-active | default of var.active\\_gateway |",
        "",
        "## Addresses",
        "",
        "| address | vSwitch | owner | role | EIP |",
        "|---|---|---|---|---|",
        "| 10.0.1.1 | vsw | ENI gateway/Eni | primary | gateway/Eip |",
        "| 10.0.1.2 | vsw | ENI gateway/Eni | secondary-1 |  |",
        "| 10.0.1.4 | vsw | instance gw-active | primary |  |",
        "| 10.0.1.5 | vsw | instance gw-standby | primary |  |",
        "",
        "## Lock changes of this synth",
        "",
        "None: no lock-file entry of this stack changed.",
        "",
        "## Findings",
        "",
        "No findings.",
        "",
      ].join("\n"),
    );
  });

  test("is deterministic and does not change its input", () => {
    const r = failover();
    const before = JSON.stringify(r);
    expect(renderPlanMarkdown(r)).toBe(renderPlanMarkdown(JSON.parse(before)));
    expect(JSON.stringify(r)).toBe(before);
  });

  test("an unknown active candidate is said, not guessed: every candidate dotted, the ENI says so, the table says unknown", () => {
    const r = failover();
    const md = renderPlanMarkdown({ ...r, enis: [{ ...r.enis[0], activeInstance: null, activeChosenBy: null }] });
    const d = diagram(md);
    expect(d.filter((l) => l.includes("==>"))).toEqual([]);
    expect(d).toContain('  eni_0 -. "candidate" .-> inst_0');
    expect(d).toContain('  eni_0 -. "candidate" .-> inst_1');
    expect(d.find((l) => l.includes("eni_0(")!)).toContain("active instance unknown");
    expect(section(md, "Failover")).toContain("| gateway/Eni | gw-active, gw-standby | unknown | not described |");
  });

  test("a plain attachment is a solid line; no failover section without a switchable ENI", () => {
    const md = renderPlanMarkdown(report({ instances: [instance("app/web", "10.0.1.4")], enis: [eni("app/Eni", "10.0.1.1", { instances: ["app/web"], activeInstance: "app/web" })] }));
    expect(diagram(md)).toContain("  inst_0 --- eni_0");
    expect(md).not.toContain("## Failover");
    expect(md).not.toContain("==>");
  });

  test("HaVips, management ENIs, named roles, unattached ENIs and addresses the cloud picks", () => {
    const md = renderPlanMarkdown(
      report({
        instances: [instance("app/db", "10.0.1.4", { imported: true, instanceType: null })],
        enis: [
          eni("app/mgmt", "10.0.1.1", { management: true, instances: ["app/db"], activeInstance: "app/db" }),
          eni("app/apps", "10.0.1.2", {
            secondaryIps: [
              { role: "app:billing", address: "10.0.1.3" },
              { role: "secondary-1", address: null },
            ],
          }),
        ],
        havips: [{ path: "app/vip", vswitch: VSW.path, ip: "10.0.1.9", attachedTo: ["app/mgmt"] }],
      }),
    );
    const d = diagram(md);
    expect(labels(d.find((l) => l.includes("inst_0["))!)).toEqual(["db\ninstance (type unknown at synth)\nimported\nprimary 10.0.1.4"]);
    expect(labels(d.find((l) => l.includes("eni_0("))!)).toEqual(["mgmt\nmanagement ENI\nprimary 10.0.1.1"]);
    expect(labels(d.find((l) => l.includes("eni_1("))!)).toEqual(["apps\nENI\nprimary 10.0.1.2\nsecondary picked by the cloud\napp:billing 10.0.1.3\nnot attached"]);
    expect(d).toContain('    vip_0{{"vip<br/>HaVip 10.0.1.9"}}');
    expect(d).toContain("  vip_0 -.- eni_0");
    const rows = section(md, "Addresses")
      .split("\n")
      .filter((l) => l.startsWith("| 10.") || l.startsWith("| picked"));
    expect(rows).toEqual([
      "| 10.0.1.1 | vsw | ENI mgmt | primary |  |",
      "| 10.0.1.2 | vsw | ENI apps | primary |  |",
      "| 10.0.1.3 | vsw | ENI apps | app:billing |  |",
      "| 10.0.1.4 | vsw | instance db | primary |  |",
      "| 10.0.1.9 | vsw | HaVip vip | virtual IP |  |",
      "| picked by the cloud | vsw | ENI apps | secondary-1 |  |",
    ]);
  });

  test("candidates and vSwitches of another stack get nodes of their own, marked as such", () => {
    const md = renderPlanMarkdown(report({ enis: [eni("app/Eni", "10.1.0.5", { vswitch: "shared/vsw", instances: ["other/host"], activeInstance: "other/host" })] }));
    const d = diagram(md);
    expect(d).toContain('  subgraph vsw_1["vSwitch shared/vsw<br/>not in this stack"]');
    expect(d).toContain('  ext_0["other/host<br/>not in this stack"]');
    expect(d).toContain("  ext_0 --- eni_0");
    // The stack's own vSwitch has nothing in it: a placeholder, since Mermaid drops empty subgraphs.
    expect(d).toContain('    none_0["nothing planned here"]');
  });

  describe("escaping", () => {
    const nasty = NASTY;

    test("labels keep every character as given and never close the quotes; node ids never come from paths", () => {
      const md = renderPlanMarkdown(nastyReport());
      const d = diagram(md);
      const flat = nasty.replace(/[\n\t]/g, " ");
      expect(labels(d.find((l) => l.includes("subgraph"))!)[0].split("\n")[0]).toBe(`vSwitch vsw ${flat}`);
      expect(labels(d.find((l) => l.includes("inst_0["))!)[0].split("\n")[0]).toBe(flat);
      expect(labels(d.find((l) => l.includes("==>"))!)).toEqual([`active: default of var.${flat}`]);
      for (const l of d.slice(1)) {
        // Outside the labels, only ids, shapes and edges remain.
        const outside = l.replace(/"[^"]*"/g, '""');
        expect(outside).toMatch(/^\s*(subgraph [a-z]+_\d+\[""\]|end|[a-z]+_\d+(\[""\]|\(""\)|\(\[""\]\)|\{\{""\}\})|[a-z]+_\d+ (---|-\.->|-\.-|== "" ==>|-\. "" \.->) [a-z]+_\d+)$/);
        // Inside: no raw markup but our own line breaks.
        for (const m of l.matchAll(/"([^"]*)"/g)) expect(m[1].replace(/<br\/>/g, "")).not.toMatch(/[<>&`\n\t]|#(?!\w+;)/);
      }
      // Tables: no cell is broken by a pipe, nothing turns into markup.
      const row = section(md, "Failover").split("\n")[4];
      expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
      expect(md).not.toContain("<b>");
      expect(md.startsWith(`# ENI plan: stack app\n`)).toBe(true);
    });

    test("mermaidText and markdownText escape exactly the special characters", () => {
      expect(mermaidText('a"b#c<d>e&f`g\nh\ti[j]k')).toBe("a#quot;b#35;c#lt;d#gt;e#amp;f#96;g h i[j]k");
      expect(markdownText("a|b*c_d[e]f<g>h`i~j$k&l#m!n\\o\np")).toBe("a\\|b\\*c\\_d\\[e\\]f\\<g\\>h\\`i\\~j\\$k\\&l\\#m\\!n\\\\o p");
      expect(markdownText("10.0.1.0/24 cn-hangzhou-h")).toBe("10.0.1.0/24 cn-hangzhou-h");
    });

    test("MermaidIds: stable per key, distinct per kind, never from the key's text", () => {
      const ids = new MermaidIds();
      expect([ids.idOf("eni", "a/b c"), ids.idOf("eni", "a-b.c"), ids.idOf("eni", "a/b c"), ids.idOf("inst", "a/b c")]).toEqual(["eni_0", "eni_1", "eni_0", "inst_0"]);
      expect(ids.find("eni", "a-b.c")).toBe("eni_1");
      expect(ids.find("vip", "a")).toBeUndefined();
      expect(() => ids.idOf("out", "x")).toThrow(/starts with o or x/);
      expect(() => ids.idOf("a-b", "x")).toThrow(/lower-case letters/);
    });
  });

  describe("lock changes", () => {
    test("added, moved, dropped and unheld, with before, after and the reason; counts first", () => {
      const md = renderPlanMarkdown(
        report({
          lockChanges: [
            { kind: "added", key: "app/Eni#secondary-3", after: "10.0.1.8 in app/vsw", reason: "new construct" },
            { kind: "moved", key: "app/Eni#primary", before: "10.9.0.1 in app/old", after: "10.0.1.1 in app/vsw", reason: "its vSwitch changed" },
            { kind: "dropped", key: "app/Gone#primary", before: "10.0.1.7 in app/vsw", reason: "construct removed" },
          ],
        }),
      );
      expect(section(md, "Lock changes of this synth").split("\n")).toEqual([
        "## Lock changes of this synth",
        "",
        "1 added, 1 moved, 1 dropped. A moved or dropped primary address replaces its ENI on the next apply.",
        "",
        "| change | lock key | before | after | reason |",
        "|---|---|---|---|---|",
        "| added | app/Eni\\#secondary-3 | - | 10.0.1.8 in app/vsw | new construct |",
        "| moved | app/Eni\\#primary | 10.9.0.1 in app/old | 10.0.1.1 in app/vsw | its vSwitch changed |",
        "| dropped | app/Gone\\#primary | 10.0.1.7 in app/vsw | - | construct removed |",
        "",
      ]);
    });

    test("none is said as such", () => {
      expect(section(renderPlanMarkdown(report({ lockChanges: [] })), "Lock changes of this synth")).toContain("None: no lock-file entry of this stack changed.");
    });
  });

  describe("bounded for big stacks", () => {
    test("up to maxDiagramNodes every resource is drawn; beyond, one node per vSwitch by zone, and the diagram says so", () => {
      const small = diagram(renderPlanMarkdown(big(10), { maxDiagramNodes: 30 }));
      expect(small.filter((l) => /^\s+eni_\d+\(/.test(l))).toHaveLength(10);
      const md = renderPlanMarkdown(big(100), { maxDiagramNodes: 30 });
      const d = diagram(md);
      expect(d.some((l) => /eni_\d+\(/.test(l))).toBe(false);
      expect(labels(d[1])[0]).toBe("Summary: one node per vSwitch. The stack has 214 vSwitches, instances, ENIs, EIPs and HaVips, more than the 30 drawn one by one.\neni-plan.json lists every one.");
      expect(d.filter((l) => l.includes("subgraph zone_"))).toEqual(['  subgraph zone_0["zone cn-hangzhou-h"]', '  subgraph zone_1["zone cn-hangzhou-i"]']);
      expect(labels(d.find((l) => l.includes("vsw_0["))!)).toEqual(["vSwitch vsw0\n10.0.0.0/20\n50 of 4,092 used (1%), 4,042 free\n25 instances · 25 ENIs · 5 failover · 5 EIPs"]);
      expect(md).toContain("the diagram shows one node per vSwitch");
    });

    test("too many vSwitches for the summary: the rest are counted", () => {
      const d = diagram(renderPlanMarkdown(big(40, 20), { maxDiagramNodes: 10 }));
      expect(d.filter((l) => /vsw_\d+\[/.test(l))).toHaveLength(8);
      expect(d).toContain('  more["+12 more vSwitches"]');
    });

    test("a detailed diagram too long or with too many edges falls back to the summary, saying why", () => {
      expect(renderPlanMarkdown(big(20), { maxDiagramChars: 2000 })).toMatch(/The detailed diagram would have [\d,]+ characters, more than 2,000: the diagram shows one node per vSwitch/);
      expect(renderPlanMarkdown(big(20), { maxDiagramEdges: 10 })).toContain("The detailed diagram would have 22 edges, more than 10");
      expect(renderPlanMarkdown(big(20))).not.toContain("Summary");
    });

    test("tables are cut at maxTableRows with a count of the rest", () => {
      const md = renderPlanMarkdown(big(30), { maxTableRows: 25 });
      const addresses = section(md, "Addresses");
      expect(addresses.split("\n").filter((l) => l.startsWith("| 10."))).toHaveLength(25);
      expect(addresses).toContain("... and 35 more addresses (60 in all): see eni-plan.json.");
      expect(
        section(md, "Failover")
          .split("\n")
          .filter((l) => l.startsWith("| e")),
      ).toHaveLength(3);
    });

    test("at the defaults a 10,000-ENI stack stays small: summary diagram within Mermaid's limits, tables cut", () => {
      const md = renderPlanMarkdown(big(10_000, 50));
      const d = diagram(md).join("\n");
      expect(d.length).toBeLessThan(PLAN_MARKDOWN_DEFAULTS.maxDiagramChars);
      expect(md.length).toBeLessThan(100_000);
      expect(md).toContain("... and 19,800 more addresses (20,000 in all)");
    });
  });
});
