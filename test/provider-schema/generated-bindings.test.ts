import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { generateProvider } from "../../scripts/generate-provider";
import { TerraformStack, Testing } from "../../src/cdktf";
import * as alicloud from "../../src/provider";
import { checkTerraformJson } from "../support/provider-schema-check";

const COMMITTED = path.resolve(__dirname, "..", "..", "src", "provider");

/** Files under `root`, as sorted `/`-separated paths relative to it. */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relPath);
      else out.push(relPath);
    }
  };
  walk(root, "");
  return out.sort();
}

/** Differences between two trees, one line per file; empty if byte-identical. */
function compareTrees(expectedRoot: string, actualRoot: string): string[] {
  const expected = listFiles(expectedRoot);
  const actual = listFiles(actualRoot);
  const actualSet = new Set(actual);
  const expectedSet = new Set(expected);
  const problems: string[] = [];
  for (const f of expected) {
    if (!actualSet.has(f)) problems.push(`missing:   ${f} (generated, not committed)`);
    else if (!fs.readFileSync(path.join(expectedRoot, f)).equals(fs.readFileSync(path.join(actualRoot, f)))) {
      problems.push(`differs:   ${f}`);
    }
  }
  for (const f of actual) if (!expectedSet.has(f)) problems.push(`extra:     ${f} (committed, not generated)`);
  return problems;
}

describe("generated bindings", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "alicloud-bindings-test-"));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("compareTrees reports missing, extra and differing files", () => {
    const a = path.join(tmp, "cmp-a");
    const b = path.join(tmp, "cmp-b");
    for (const [root, files] of [
      [a, { "same.ts": "x", "sub/changed.ts": "1", "only-a.ts": "a" }],
      [b, { "same.ts": "x", "sub/changed.ts": "2", "only-b.ts": "b" }],
    ] as const) {
      for (const [rel, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      }
    }
    expect(compareTrees(a, b)).toEqual([
      "missing:   only-a.ts (generated, not committed)",
      "differs:   sub/changed.ts",
      "extra:     only-b.ts (committed, not generated)",
    ]);
    expect(compareTrees(a, a)).toEqual([]);
  });

  it("src/provider/ is byte-identical to a fresh generation from the pinned schema", async () => {
    const fresh = path.join(tmp, "provider");
    await generateProvider(fresh);
    expect(listFiles(fresh)).toContain("index.ts");
    const problems = compareTrees(fresh, COMMITTED);
    if (problems.length > 0) {
      throw new Error(
        `src/provider/ does not match what scripts/generate-provider.ts generates from ` +
          `provider-schema/alicloud-provider-schema.json (${problems.length} file(s)):\n` +
          problems.map((p) => `  ${p}`).join("\n") +
          `\nRun \`npm run gen:provider\` and commit the result; never edit src/provider/ by hand.`,
      );
    }
  });
});

describe("a stack of generated L1 classes", () => {
  function synthTinyStack(): Record<string, any> {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    const vpc = new alicloud.vpc.Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16", vpcName: "main" });
    const vsw = new alicloud.vswitch.Vswitch(stack, "vsw", {
      vpcId: vpc.id,
      cidrBlock: "10.0.1.0/24",
      zoneId: "cn-hangzhou-h",
    });
    const sg = new alicloud.securityGroup.SecurityGroup(stack, "sg", { vpcId: vpc.id, securityGroupName: "web" });
    const eni = new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "eni", {
      vswitchId: vsw.id,
      securityGroupIds: [sg.id],
      primaryIpAddress: "10.0.1.10",
      privateIpAddresses: ["10.0.1.11", "10.0.1.12"],
    });
    new alicloud.instance.Instance(stack, "web", {
      instanceType: "ecs.g7.large",
      imageId: "ubuntu_22_04_x64_20G_alibase_20240130.vhd",
      vswitchId: vsw.id,
      securityGroups: [sg.id],
      timeouts: { create: "15m", delete: "20m" },
    });
    const eip = new alicloud.eipAddress.EipAddress(stack, "eip", {
      addressName: "web",
      paymentType: "PayAsYouGo",
      internetChargeType: "PayByTraffic",
    });
    new alicloud.eipAssociation.EipAssociation(stack, "assoc", {
      allocationId: eip.id,
      instanceId: eni.id,
      instanceType: "NetworkInterface",
      mode: "NAT",
      privateIpAddress: "10.0.1.11",
    });
    return JSON.parse(Testing.synth(stack));
  }

  it("synthesizes to JSON that conforms to the pinned schema", () => {
    const out = synthTinyStack();
    expect(checkTerraformJson(out)).toEqual([]);
    expect(out.resource.alicloud_ecs_network_interface.eni).toMatchObject({
      vswitch_id: "${alicloud_vswitch.vsw.id}",
      primary_ip_address: "10.0.1.10",
      private_ip_addresses: ["10.0.1.11", "10.0.1.12"],
    });
    expect(out.resource.alicloud_instance.web.timeouts).toEqual({ create: "15m", delete: "20m" });
    expect(out.resource.alicloud_eip_association.assoc).toMatchObject({ instance_type: "NetworkInterface", mode: "NAT" });
  });

  it('pins required_providers.alicloud to { source: "aliyun/alicloud", version: "~> 1.283" }', () => {
    expect(synthTinyStack().terraform.required_providers.alicloud).toEqual({ source: "aliyun/alicloud", version: "~> 1.283" });
  });

  it("emits blocks in the shapes the checker accepts (single/max_items 1 → object, list → array)", () => {
    // Pins the cdktf 0.21 behaviour provider-schema-check.ts relies on: if cdktf changes it, this fails first.
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    new alicloud.provider.AlicloudProvider(stack, "alicloud", {
      region: "cn-hangzhou",
      assumeRole: { roleArn: "acs:ram::123:role/deployer" },
      endpoints: [{ ecs: "ecs.cn-hangzhou.aliyuncs.com" }],
    });
    new alicloud.instance.Instance(stack, "web", {
      instanceType: "ecs.g7.large",
      imageId: "img",
      timeouts: { create: "15m" },
      cpuOptions: { coreCount: 2 },
      imageOptions: { loginAsNonRoot: true },
      dataDisks: [{ size: 40 }],
      networkInterfaces: [{ vswitchId: "vsw-1", securityGroupIds: ["sg-1"] }],
    });
    const out = JSON.parse(Testing.synth(stack));
    const web = out.resource.alicloud_instance.web;
    expect(web.timeouts).toEqual({ create: "15m" }); // nesting single
    expect(web.cpu_options).toEqual({ core_count: 2 }); // nesting list, max_items 1
    expect(web.image_options).toEqual({ login_as_non_root: true }); // nesting set, max_items 1
    expect(web.data_disks).toEqual([{ size: 40 }]); // nesting list, max_items 16
    expect(web.network_interfaces).toEqual([{ vswitch_id: "vsw-1", security_group_ids: ["sg-1"] }]); // nesting list
    expect(out.provider.alicloud).toEqual([
      { region: "cn-hangzhou", assume_role: { role_arn: "acs:ram::123:role/deployer" }, endpoints: [{ ecs: "ecs.cn-hangzhou.aliyuncs.com" }] },
    ]);
    expect(checkTerraformJson(out)).toEqual([]);
  });
});
