import { Construct } from "constructs";
import { EniConfigError, EniSuppressions } from "../../src";
import { Testing } from "../../src/cdktf";
import { synthJson, testApp, testStack } from "../support/synth";
import { ecs, inspect, net, nic, only, withRule } from "./planner-helpers";
import { thrown } from "../support/thrown";

describe("EniSuppressions", () => {
  test("a suppressible warning suppressed on a parent construct is marked suppressed, kept in findings with the reason", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const group = new Construct(stack, "Routers");
    nic(group, "Nat", n, { sourceDestCheck: false });
    nic(stack, "Other", n, { sourceDestCheck: false });
    EniSuppressions.addSuppressions(group, [{ id: "ENI-SEC-SRC-DEST-CHECK", reason: "NAT routers forward for the private subnets" }]);
    const r = inspect(app);
    const found = withRule(r, "ENI-SEC-SRC-DEST-CHECK");
    expect(found.map((f) => f.path).sort()).toEqual(["stack/Other", "stack/Routers/Nat"]);
    const nat = found.find((f) => f.path === "stack/Routers/Nat")!;
    expect(nat.suppressed).toEqual({ reason: "NAT routers forward for the private subnets", by: "stack/Routers" });
    expect(nat.severity).toBe("warning");
    // a sibling outside the suppressed subtree is not suppressed
    expect(found.find((f) => f.path === "stack/Other")!.suppressed).toBeUndefined();
    expect(r.errors).toEqual([]);
  });

  test("a suppression on the stack covers everything below it; another rule id does not", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Nat", n, { sourceDestCheck: false });
    EniSuppressions.addSuppressions(stack, [{ id: "ENI-SEC-MGMT-EIP", reason: "unrelated rule, should not match" }]);
    expect(only(inspect(app), "ENI-SEC-SRC-DEST-CHECK").suppressed).toBeUndefined();
    EniSuppressions.addSuppressions(stack, [{ id: "ENI-SEC-SRC-DEST-CHECK", reason: "all ENIs of this stack are routers" }]);
    expect(only(inspect(app), "ENI-SEC-SRC-DEST-CHECK").suppressed?.by).toBe("stack");
  });

  test("a suppressible error fails synth until it is suppressed", () => {
    const build = (suppress: boolean) => {
      const app = testApp();
      const stack = testStack(app);
      const n = net(stack);
      const t6 = ecs(stack, "Burst", n.vsw, [n.sg], "ecs.t6-c1m1.large");
      nic(stack, "Eni", n, { instance: t6 });
      if (suppress) EniSuppressions.addSuppressions(stack, [{ id: "ENI-HOTPLUG", reason: "instances are stopped before apply" }]);
      return stack;
    };
    expect(() => synthJson(build(false))).toThrow(/ENI-HOTPLUG/);
    expect(synthJson(build(true)).resource.alicloud_ecs_network_interface_attachment).toBeDefined();
  });

  test("a reason shorter than 10 characters throws, naming the construct and the rule", () => {
    const app = testApp();
    const stack = testStack(app);
    const e = thrown(() => EniSuppressions.addSuppressions(stack, [{ id: "ENI-SEC-MGMT-EIP", reason: "too short" }]));
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toContain("(error) stack\n");
    expect(e.message).toContain("ENI-SEC-MGMT-EIP");
    expect(e.message).toContain("at least 10 characters");
    expect(() => EniSuppressions.addSuppressions(stack, [{ id: "ENI-SEC-MGMT-EIP", reason: "   short    " }])).toThrow(EniConfigError);
    expect(() => EniSuppressions.addSuppressions(stack, [{ id: "ENI-SEC-MGMT-EIP", reason: undefined as unknown as string }])).toThrow(EniConfigError);
    expect(() => EniSuppressions.addSuppressions(stack, [{ id: "ENI-SEC-MGMT-EIP", reason: "ten chars!" }])).not.toThrow();
    expect(EniSuppressions.of(stack)).toEqual([{ id: "ENI-SEC-MGMT-EIP", reason: "ten chars!" }]);
  });

  test("an id that is not a rule id throws", () => {
    const app = testApp();
    const stack = testStack(app);
    expect(() => EniSuppressions.addSuppressions(stack, [{ id: "eni-zone", reason: "lower case is not an id" }])).toThrow(/is not a rule id/);
  });

  test("a misspelt rule id is refused, naming the nearest id; a known id is accepted", () => {
    const app = testApp();
    const stack = testStack(app);
    const e = thrown(() => EniSuppressions.addSuppressions(stack, [{ id: "ENI-SEC-MGMT-EPI", reason: "break-glass access until the VPN is live" }])) as EniConfigError;
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toBe(
      "(error) stack\n  suppression names ENI-SEC-MGMT-EPI, which is not a rule of the planner, so it would silence nothing.\n" +
        "  Fix: Use the rule's id as the finding shows it: did you mean ENI-SEC-MGMT-EIP? (Every id is in the README's rule table.)",
    );
    expect(EniSuppressions.of(stack)).toEqual([]);
    expect(thrown(() => EniSuppressions.addSuppressions(stack, [{ id: "ENI-ZONES", reason: "lower case is not an id" }])).message).toContain("did you mean ENI-ZONE?");
    EniSuppressions.addSuppressions(stack, [{ id: "ENI-SEC-MGMT-EIP", reason: "break-glass access until the VPN is live" }]);
    expect(EniSuppressions.of(stack).map((x) => x.id)).toEqual(["ENI-SEC-MGMT-EIP"]);
  });

  test("suppressing a non-suppressible error does not silence it, and the message says so", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    for (const id of ["E1", "E2", "E3"]) nic(stack, id, n, { instance: web });
    EniSuppressions.addSuppressions(stack, [{ id: "ENI-COUNT", reason: "we asked support for a bigger limit" }]);
    const r = inspect(app);
    const f = only(r, "ENI-COUNT");
    expect(f.suppressed).toBeUndefined();
    expect(f.severity).toBe("error");
    expect(f.message).toContain("(A suppression at stack was ignored: ENI-COUNT is not suppressible.)");
    expect(r.errors).toContain(f);
    let message = "";
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("ENI-COUNT is not suppressible");
  });

  test("a suppression added after a plan is taken into account by the next plan", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const e = nic(stack, "Nat", n, { sourceDestCheck: false });
    expect(only(inspect(app), "ENI-SEC-SRC-DEST-CHECK").suppressed).toBeUndefined();
    EniSuppressions.addSuppressions(e, [{ id: "ENI-SEC-SRC-DEST-CHECK", reason: "forwarding appliance for VPN" }]);
    expect(only(inspect(app), "ENI-SEC-SRC-DEST-CHECK").suppressed?.reason).toBe("forwarding appliance for VPN");
  });
});
