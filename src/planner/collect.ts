import type { IConstruct } from "constructs";
import { TerraformStack, Token } from "../cdktf";
import { factOf } from "../model/fact-registry";
import type { EipFact, EniFact, Fact, HaVipFact, InstanceFact, ProviderFact, SecurityGroupFact, VpcFact, VSwitchFact } from "../model/facts";
import type { NetworkModel } from "../model/network-model";
import * as alicloud from "../provider";
import { unknownValue } from "../tokens";
import type { ActiveSuppression } from "./plan";
import { EniSuppressions } from "./suppressions";

/** The model of an app, and the suppressions found in it. */
export interface CollectedApp {
  /** The facts. */
  readonly model: NetworkModel;
  /** Suppressions in force at a path. */
  readonly suppressionsAt: (path: string) => readonly ActiveSuppression[];
  /** The stacks, by path. */
  readonly stacks: ReadonlyMap<string, TerraformStack>;
}

const CREDENTIALS = ["accessKey", "secretKey", "securityToken"] as const;
const CREDENTIAL_NAMES: Record<(typeof CREDENTIALS)[number], string> = { accessKey: "access_key", secretKey: "secret_key", securityToken: "security_token" };

function providerFact(p: alicloud.provider.AlicloudProvider): ProviderFact {
  const literal = CREDENTIALS.filter((k) => {
    const v = p[k];
    return typeof v === "string" && v !== "" && !Token.isUnresolved(v);
  }).map((k) => CREDENTIAL_NAMES[k]);
  const region = p.region;
  return {
    kind: "provider",
    path: p.node.path,
    stack: TerraformStack.of(p).node.path,
    imported: false,
    alias: p.alias,
    region: region === undefined ? undefined : Token.isUnresolved(region) ? unknownValue(region) : region,
    literalCredentials: literal,
  };
}

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Walks the construct tree once and builds the model (every list sorted by path). */
export function collectApp(root: IConstruct): CollectedApp {
  const vpcs: VpcFact[] = [];
  const vswitches: VSwitchFact[] = [];
  const securityGroups: SecurityGroupFact[] = [];
  const instances: InstanceFact[] = [];
  const enis: EniFact[] = [];
  const eips: EipFact[] = [];
  const havips: HaVipFact[] = [];
  const providers: ProviderFact[] = [];
  const stacks = new Map<string, TerraformStack>();
  const suppressions = new Map<string, ActiveSuppression[]>();
  const sink: { [K in Fact["kind"]]: (f: Fact) => void } = {
    vpc: (f) => vpcs.push(f as VpcFact),
    vswitch: (f) => vswitches.push(f as VSwitchFact),
    "security-group": (f) => securityGroups.push(f as SecurityGroupFact),
    instance: (f) => instances.push(f as InstanceFact),
    eni: (f) => enis.push(f as EniFact),
    eip: (f) => eips.push(f as EipFact),
    havip: (f) => havips.push(f as HaVipFact),
    provider: (f) => providers.push(f as ProviderFact),
  };
  for (const c of root.node.findAll()) {
    const fact = factOf(c);
    if (fact) sink[fact.kind](fact);
    else if (c instanceof alicloud.provider.AlicloudProvider) providers.push(providerFact(c));
    else if (TerraformStack.isStack(c)) stacks.set(c.node.path, c);
    const s = EniSuppressions.of(c);
    if (s.length > 0) suppressions.set(c.node.path, s.map((x) => ({ id: x.id, reason: x.reason, by: c.node.path })));
  }
  for (const list of [vpcs, vswitches, securityGroups, instances, enis, eips, havips, providers] as { path: string }[][]) list.sort(byPath);
  const suppressionsAt = (path: string): ActiveSuppression[] => {
    if (suppressions.size === 0) return [];
    const out: ActiveSuppression[] = [];
    let p = path;
    for (;;) {
      out.push(...(suppressions.get(p) ?? []));
      const i = p.lastIndexOf("/");
      if (i < 0) break;
      p = p.slice(0, i);
    }
    return out;
  };
  return {
    model: { stacks: [...stacks.keys()].sort(), vpcs, vswitches, securityGroups, instances, enis, eips, havips, providers },
    suppressionsAt,
    stacks,
  };
}
