import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "../cdktf";
import { EniConfigError } from "../errors";
import { recordFact } from "../model/fact-registry";
import { SecurityGroupFact, SecurityGroupType } from "../model/facts";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import { CidrPeer, GroupPeer, Peer, peerCidrFact } from "./peer";
import { Port } from "./port";
import { countProp, nameProp, requireAttributes, requireKind, requireObject, requireValue, stringFact } from "./private/props";
import { IVpc } from "./vpc";
import { show } from "../show";

/** A security group, created here or imported. */
export interface ISecurityGroup extends IConstruct {
  /** The security group id. */
  readonly securityGroupId: string;
  /** Its VPC. */
  readonly vpc: IVpc;
  /** The facts the planner checks. */
  readonly fact: SecurityGroupFact;
}

/** One rule of a security group. */
export interface SecurityGroupRuleSpec {
  /** The other side: a CIDR block or a security group. */
  readonly peer: Peer;
  /** Protocol and ports. */
  readonly port: Port;
  /** accept or drop. @default "accept" */
  readonly policy?: "accept" | "drop";
  /** Priority, 1 (highest) to 100. @default 1 */
  readonly priority?: number;
  /** Description. @default - none */
  readonly description?: string;
}

/** Properties of a new {@link SecurityGroup}. */
export interface SecurityGroupProps {
  /** The VPC. */
  readonly vpc: IVpc;
  /** Basic (`normal`) or advanced (`enterprise`). An ENI's groups must all be of one type. @default "normal" */
  readonly type?: SecurityGroupType;
  /** Name (`security_group_name`). @default - no name */
  readonly name?: string;
  /** Description. @default - none */
  readonly description?: string;
  /** Inbound rules. @default - none */
  readonly ingress?: SecurityGroupRuleSpec[];
  /** Outbound rules. @default - none */
  readonly egress?: SecurityGroupRuleSpec[];
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/** Attributes of an existing security group, for {@link SecurityGroup.fromSecurityGroupAttributes}. */
export interface SecurityGroupAttributes {
  /** The security group id, e.g. sg-bp1... */
  readonly securityGroupId: string;
  /** Its VPC. */
  readonly vpc: IVpc;
  /** Its type. */
  readonly type: SecurityGroupType;
  /** Private addresses already in the group outside this program (basic groups; ENI-SG-CAPACITY counts them). @default 0 */
  readonly existingIpCount?: number;
  /** ENIs already in the group outside this program (advanced groups; ENI-SG-CAPACITY counts them). @default 0 */
  readonly existingEniCount?: number;
}

const SG_TYPES: readonly string[] = ["normal", "enterprise"];

function groupType(scope: IConstruct, type: SecurityGroupType | undefined) {
  const t = type ?? "normal";
  const f = stringFact(t);
  if (typeof f === "string" && !SG_TYPES.includes(f)) {
    throw new EniConfigError(scope.node.path, `security group type ${show(t)} is not valid; expected "normal" (basic) or "enterprise" (advanced).`);
  }
  return f as SecurityGroupFact["type"];
}

/** A security group (`alicloud_security_group`) with its rules (`alicloud_security_group_rule`). */
export class SecurityGroup extends Construct implements ISecurityGroup {
  /** Imports an existing security group: nothing is emitted; its rules are unknown to the planner. */
  public static fromSecurityGroupAttributes(scope: Construct, id: string, attrs: SecurityGroupAttributes): ISecurityGroup {
    requireAttributes(scope, id, attrs);
    class Imported extends Construct implements ISecurityGroup {
      public readonly securityGroupId = attrs.securityGroupId;
      public readonly vpc = attrs.vpc;
      public readonly fact: SecurityGroupFact;
      constructor() {
        super(scope, id);
        requireValue(this, attrs.securityGroupId, "securityGroupId", "the id of the existing security group, e.g. sg-bp1...");
        requireKind(this, attrs.vpc, "vpc", "vpc");
        EniPlanner.of(this);
        this.fact = {
          kind: "security-group",
          path: this.node.path,
          stack: TerraformStack.of(this).node.path,
          imported: true,
          vpc: attrs.vpc.fact,
          type: groupType(this, attrs.type),
          rules: [],
          rulesKnown: false,
          existingIpCount: countProp(this, attrs.existingIpCount, "existingIpCount", 0, 1_000_000),
          existingEniCount: countProp(this, attrs.existingEniCount, "existingEniCount", 0, 1_000_000),
        };
        recordFact(this, this.fact);
      }
    }
    return new Imported();
  }

  public readonly securityGroupId: string;
  public readonly vpc: IVpc;
  public readonly fact: SecurityGroupFact;
  /** The underlying L1 resource. */
  public readonly resource: alicloud.securityGroup.SecurityGroup;
  private ruleCount = 0;

  constructor(scope: Construct, id: string, props: SecurityGroupProps) {
    super(scope, id);
    requireObject(this, props, "props");
    requireKind(this, props.vpc, "vpc", "vpc");
    EniPlanner.of(this); // the planner checks this stack at synth, even with no ENI in it
    this.vpc = props.vpc;
    this.fact = {
      kind: "security-group",
      path: this.node.path,
      stack: TerraformStack.of(this).node.path,
      imported: false,
      vpc: props.vpc.fact,
      type: groupType(this, props.type),
      rules: [],
      rulesKnown: true,
    };
    recordFact(this, this.fact);
    this.resource = new alicloud.securityGroup.SecurityGroup(this, "Resource", {
      vpcId: props.vpc.vpcId,
      securityGroupType: props.type ?? "normal",
      securityGroupName: nameProp(this, props.name, "name"),
      description: props.description,
      tags: props.tags,
    });
    this.securityGroupId = this.resource.id;
    for (const r of props.ingress ?? []) this.addRule("ingress", r);
    for (const r of props.egress ?? []) this.addRule("egress", r);
  }

  /** Adds an inbound rule. */
  public addIngressRule(peer: Peer, port: Port, options: Omit<SecurityGroupRuleSpec, "peer" | "port"> = {}): void {
    this.addRule("ingress", { ...options, peer, port });
  }

  /** Adds an outbound rule. */
  public addEgressRule(peer: Peer, port: Port, options: Omit<SecurityGroupRuleSpec, "peer" | "port"> = {}): void {
    this.addRule("egress", { ...options, peer, port });
  }

  private addRule(direction: "ingress" | "egress", spec: SecurityGroupRuleSpec): void {
    const id = `${direction === "ingress" ? "Ingress" : "Egress"}${this.ruleCount++}`;
    const scope = new Construct(this, id);
    const priority = spec.priority ?? 1;
    if (!Number.isInteger(priority) || priority < 1 || priority > 100) {
      throw new EniConfigError(scope.node.path, `rule priority ${show(priority)} is not valid; expected a whole number from 1 (highest) to 100.`);
    }
    const policy = spec.policy ?? "accept";
    if (policy !== "accept" && policy !== "drop") {
      throw new EniConfigError(scope.node.path, `rule policy ${show(policy)} is not valid; expected "accept" or "drop".`);
    }
    if (!(spec.port instanceof Port)) {
      throw new EniConfigError(scope.node.path, `rule port must be built with Port (e.g. Port.tcp(443)).`);
    }
    const problem = spec.port.problem();
    if (problem !== undefined) throw new EniConfigError(scope.node.path, `rule ${problem}`);
    let cidr: SecurityGroupFact["rules"][number]["cidr"];
    let ipv6Cidr: SecurityGroupFact["rules"][number]["ipv6Cidr"];
    let peerGroup: ISecurityGroup | undefined;
    if (spec.peer instanceof CidrPeer && spec.peer.ipv6) ipv6Cidr = peerCidrFact(scope, spec.peer);
    else if (spec.peer instanceof CidrPeer) cidr = peerCidrFact(scope, spec.peer);
    else if (spec.peer instanceof GroupPeer) peerGroup = spec.peer.group;
    else throw new EniConfigError(scope.node.path, `rule peer must be built with Peer (e.g. Peer.ipv4("10.0.0.0/8")).`);
    new alicloud.securityGroupRule.SecurityGroupRule(scope, "Resource", {
      securityGroupId: this.securityGroupId,
      type: direction,
      ipProtocol: spec.port.protocol,
      portRange: spec.port.portRange,
      policy,
      priority,
      cidrIp: spec.peer instanceof CidrPeer && !spec.peer.ipv6 ? spec.peer.cidr : undefined, // canonical (checked by peerCidrFact)
      ipv6CidrIp: spec.peer instanceof CidrPeer && spec.peer.ipv6 ? spec.peer.cidr : undefined,
      sourceSecurityGroupId: peerGroup?.securityGroupId,
      description: spec.description,
    });
    this.fact.rules.push({
      path: scope.node.path,
      direction,
      protocol: spec.port.protocol,
      fromPort: spec.port.fromPort,
      toPort: spec.port.toPort,
      cidr,
      ...(ipv6Cidr !== undefined ? { ipv6Cidr } : {}),
      peerGroup: peerGroup?.node.path,
      policy,
      priority,
    });
  }
}
