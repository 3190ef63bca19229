import { App, TerraformStack } from "../../src/cdktf";
import { EniConfigError } from "../../src/errors";
import { Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { testApp, testStack } from "../support/synth";

/** Any synthesized cdktf element with a resource type (an L1 resource). */
interface TfResource {
  readonly terraformResourceType: string;
}

/** `${<type>.<logical id>.<attr>}`: how a reference to `resource.<attr>` appears in the JSON. */
export function ref(stack: TerraformStack, resource: TfResource, attr = "id"): string {
  return `\${${resource.terraformResourceType}.${stack.getLogicalId(resource as never)}.${attr}}`;
}

/**
 * Runs `fn` and checks it throws an EniConfigError for construct `path` whose message names the
 * path (in the finding-style header `(error) path`) and contains every fragment (the offending value, what was expected).
 */
export function expectConfigError(fn: () => unknown, path: string, ...fragments: string[]): EniConfigError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(EniConfigError);
  const err = thrown as EniConfigError;
  expect(err.constructPath).toBe(path);
  expect(err.message).toMatch(new RegExp(`^(\\[ENI-[A-Z0-9-]+\\] )?\\(error\\) ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\n`));
  for (const f of fragments) expect(err.message).toContain(f);
  return err;
}

/** A fresh app + stack (provider in cn-hangzhou). */
export function freshStack(): { app: App; stack: TerraformStack } {
  const app = testApp();
  return { app, stack: testStack(app) };
}

/** A VPC 10.0.0.0/16, a vSwitch 10.0.1.0/24 in cn-hangzhou-h and a security group allowing SSH from 10.0.0.0/8. */
export function network(stack: TerraformStack): { vpc: Vpc; vswitch: VSwitch; sg: SecurityGroup } {
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
  const vswitch = new VSwitch(stack, "VSwitch", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
  const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22) }] });
  return { vpc, vswitch, sg };
}
