import { Vpc, VSwitch } from "../../src/resources";
import { onlyResource, resources, synthJson } from "../support/synth";
import { expectConfigError, freshStack, ref } from "./helpers";

describe("Vpc", () => {
  test("emits alicloud_vpc with cidr_block, vpc_name, description and tags", () => {
    const { stack } = freshStack();
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16", name: "main-vpc", description: "the main VPC", tags: { team: "net", env: "test" } });
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_vpc")).toEqual({
      cidr_block: "10.0.0.0/16",
      vpc_name: "main-vpc",
      description: "the main VPC",
      tags: { team: "net", env: "test" },
    });
    expect(vpc.cidrBlock).toBe("10.0.0.0/16");
    expect(vpc.fact).toMatchObject({ kind: "vpc", imported: false, key: "stack/Vpc", path: "stack/Vpc", stack: "stack" });
  });

  test("emits only cidr_block when nothing else is given; vpcId references its id", () => {
    const { stack } = freshStack();
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "172.16.0.0/12" });
    new VSwitch(stack, "VSwitch", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "172.16.1.0/24" });
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_vpc")).toEqual({ cidr_block: "172.16.0.0/12" });
    expect(resources(json, "alicloud_vpc")[0][0]).toBe(stack.getLogicalId(vpc.resource));
    expect(onlyResource(json, "alicloud_vswitch").vpc_id).toBe(ref(stack, vpc.resource));
    expect(ref(stack, vpc.resource)).toMatch(/^\$\{alicloud_vpc\.Vpc_[0-9A-F]{8}\.id\}$/);
  });

  test("fromVpcAttributes emits no alicloud_vpc and children reference the given id", () => {
    const { stack } = freshStack();
    const vpc = Vpc.fromVpcAttributes(stack, "Existing", { vpcId: "vpc-bp1existing", cidrBlock: "10.8.0.0/16" });
    new VSwitch(stack, "VSwitch", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.8.1.0/24" });
    const json = synthJson(stack);
    expect(resources(json, "alicloud_vpc")).toEqual([]);
    expect(onlyResource(json, "alicloud_vswitch").vpc_id).toBe("vpc-bp1existing");
    expect(vpc.vpcId).toBe("vpc-bp1existing");
    expect(vpc.cidrBlock).toBe("10.8.0.0/16");
    expect(vpc.fact).toMatchObject({ kind: "vpc", imported: true, key: "vpc-bp1existing", path: "stack/Existing" });
  });

  describe("rejects invalid CIDR blocks at construction", () => {
    test.each([
      ["10.0.0.0", "expected a.b.c.d/prefix"],
      ["10.0.0.0/33", "longer than 32"],
      ["10.0.0.1/24", "host bits are set"],
      ["300.0.0.0/16", "not four decimal octets"],
      ["fd00::/8", "IPv6"],
      ["2001:db8::/32", "IPv6"],
      ["", "expected a.b.c.d/prefix"],
    ])("%j", (cidr, why) => {
      const { stack } = freshStack();
      expectConfigError(() => new Vpc(stack, "Vpc", { cidrBlock: cidr }), "stack/Vpc", JSON.stringify(cidr), why);
    });

    test("in fromVpcAttributes too", () => {
      const { stack } = freshStack();
      expectConfigError(() => Vpc.fromVpcAttributes(stack, "Existing", { vpcId: "vpc-1", cidrBlock: "10.0.0.1/16" }), "stack/Existing", '"10.0.0.1/16"', "host bits");
    });

    test("the host-bits message names the canonical block", () => {
      const { stack } = freshStack();
      expectConfigError(() => new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.1/24" }), "stack/Vpc", "10.0.0.0/24");
    });
  });

  describe("rejects invalid names", () => {
    test.each([[""], ["a"], ["   "], ["x".repeat(129)]])("%j", (name) => {
      const { stack } = freshStack();
      expectConfigError(() => new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16", name }), "stack/Vpc", `name ${JSON.stringify(name)}`, "2 to 128 characters");
    });

    test("accepts 2 and 128 characters", () => {
      const { stack } = freshStack();
      new Vpc(stack, "A", { cidrBlock: "10.0.0.0/16", name: "ab" });
      new Vpc(stack, "B", { cidrBlock: "10.1.0.0/16", name: "y".repeat(128) });
      const names = resources(synthJson(stack), "alicloud_vpc")
        .map(([, r]) => r.vpc_name)
        .sort();
      expect(names).toEqual(["ab", "y".repeat(128)]);
    });
  });
});
