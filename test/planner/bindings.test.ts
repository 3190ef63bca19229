import { Testing } from "../../src/cdktf";
import { EniPlanner } from "../../src/planner";
import { NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { testApp, testStack } from "../support/synth";

/** Planned values are written straight into the L1 attributes once planned, and put back as tokens when the app changes. */
describe("planner bindings", () => {
  function build() {
    const app = testApp(); // no lock file: a new ENI that sorts first shifts the others
    const stack = testStack(app);
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    const vswitch = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
    const sg = new SecurityGroup(stack, "Sg", { vpc });
    const b = new NetworkInterface(stack, "B", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1 });
    return { app, stack, vswitch, sg, b };
  }
  const eni = (json: string, id: string) => Object.entries(JSON.parse(json).resource.alicloud_ecs_network_interface).find(([k]) => k.startsWith(`${id}_`))![1] as any;

  test("after planning, the L1 resource holds the concrete addresses (no token left to resolve)", () => {
    const { app, b } = build();
    EniPlanner.of(app).inspect();
    expect(b.resource.primaryIpAddressInput).toBe("10.0.1.1");
    expect(b.resource.privateIpAddressesInput).toEqual(["10.0.1.2"]);
  });

  test("a change after planning puts the tokens back, so a later synth (even without validation) is re-planned", () => {
    const { app, stack, vswitch, sg } = build();
    expect(eni(Testing.synth(stack, true), "B").primary_ip_address).toBe("10.0.1.1");
    new NetworkInterface(stack, "A", { vswitch, securityGroups: [sg] }); // sorts before B
    const out = Testing.synth(stack);
    expect(eni(out, "A").primary_ip_address).toBe("10.0.1.1");
    expect(eni(out, "B").primary_ip_address).toBe("10.0.1.2");
    expect(eni(out, "B").private_ip_addresses).toEqual(["10.0.1.3"]);
    expect(EniPlanner.of(app).inspect().errors).toEqual([]);
  });
});
