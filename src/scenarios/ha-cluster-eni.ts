import { Construct } from "constructs";
import { TerraformOutput } from "../cdktf";
import { EniConfigError } from "../errors";
import * as alicloud from "../provider";
import { IEcsInstance } from "../resources/ecs-instance";
import { Eip, EipProps } from "../resources/eip";
import { HaVip } from "../resources/havip";
import { NetworkInterface } from "../resources/network-interface";
import { ISecurityGroup } from "../resources/security-group";
import { IVSwitch } from "../resources/vswitch";
import { countProp, isToken, requireKind } from "../resources/private/props";
import { checkNames, claimStackName, eipPropsOf, identifier, nonEmptyArray, uniqueInstanceKeys } from "./private/checks";

/** One network of an {@link HAClusterEni} (e.g. heartbeat, replication, service): one ENI per node. */
export interface HAClusterNetwork {
  /** Network name, unique in the cluster (letters, digits, ".", "_", "-"), e.g. heartbeat. */
  readonly name: string;
  /** Security groups of this network's ENIs: 1 to 5, of one type, in the VPC. */
  readonly securityGroups: ISecurityGroup[];
  /** One vSwitch per zone the nodes live in; each node's ENI takes the vSwitch of the node's zone. */
  readonly vswitches: IVSwitch[];
  /** Secondary private IPs on each node's ENI of this network. @default 0 */
  readonly secondaryPrivateIpCount?: number;
}

/** The virtual IP of an {@link HAClusterEni}. */
export interface HAClusterVirtualIp {
  /** The network the virtual IP lives in (one of the networks' names). */
  readonly network: string;
  /** The virtual IP. @default - planned by the planner */
  readonly ipAddress?: string;
  /**
   * A public virtual IP: an EIP associated with the HaVip (`instance_type = "HaVip"`), true or its properties.
   * Whichever node holds the virtual IP also answers on the EIP. @default false
   */
  readonly eip?: boolean | EipProps;
}

/** Properties of an {@link HAClusterEni}. */
export interface HAClusterEniProps {
  /** The cluster nodes (new or imported), at least 2; the first is the active node. Their construct ids must differ. */
  readonly nodes: IEcsInstance[];
  /** The cluster's networks; each node gets one ENI per network. */
  readonly networks: HAClusterNetwork[];
  /** A HaVip in one network, attached to the active (first) node's ENI of that network. @default - no virtual IP */
  readonly virtualIp?: HAClusterVirtualIp;
}

/** Construct id of the HaVip (so no network may use it as its name). */
const VIRTUAL_IP_ID = "VirtualIp";
/** Construct ids this construct uses besides the networks' groups. */
const RESERVED_IDS = [VIRTUAL_IP_ID, "VirtualIpEip", "virtual-ip-address", "virtual-ip-master_instance_id", "virtual-ip-public_ip"];

/**
 * Network plumbing of an HA cluster (keepalived, Pacemaker, database replication): every node gets
 * one secondary ENI per network (heartbeat, replication, service...), in the vSwitch of the node's
 * zone, and optionally a HaVip (`alicloud_vpc_ha_vip`, with an EIP for a public virtual IP) in one network: in the active node's vSwitch, attached
 * to the active node's ENI and to every standby's ENI in that vSwitch (keepalived decides which holds it).
 * Addresses are planned at synth; the planner checks each node's ENI and address limits.
 *
 * A HaVip floats only between ENIs of its own vSwitch: nodes whose ENI of the virtual IP's network
 * is in another zone cannot take it over (the planner warns: ENI-HAVIP-STANDBY).
 */
export class HAClusterEni extends Construct {
  /** The nodes, in order. */
  public readonly nodes: readonly IEcsInstance[];
  /** The network names, in order. */
  public readonly networkNames: readonly string[];
  /** The HaVip, when a virtual IP was asked for. */
  public readonly havip?: HaVip;
  /** The HaVip's attachment to the active node's ENI, when a virtual IP was asked for (standbys have their own). */
  public readonly havipAttachment?: alicloud.havipAttachment.HavipAttachment;
  /** The EIP on the HaVip, when a public virtual IP was asked for. */
  public readonly eip?: Eip;
  private readonly enis = new Map<string, Map<IEcsInstance, NetworkInterface>>();

  constructor(scope: Construct, id: string, props: HAClusterEniProps) {
    super(scope, id);
    const nodes = nonEmptyArray(this, props?.nodes, "nodes", "An HA cluster needs at least 2 nodes (an active and a standby).", 2).map((n, i) => requireKind(this, n, "instance", `nodes[${i}]`));
    uniqueInstanceKeys(this, nodes, "nodes");
    this.nodes = nodes;
    const networks = nonEmptyArray(this, props.networks, "networks", 'Describe at least one network (e.g. { name: "heartbeat", securityGroups, vswitches }).');
    this.networkNames = checkNames(
      this,
      networks.map((n) => n?.name),
      "networks[].name",
    );

    const clash = this.networkNames.find((n) => RESERVED_IDS.includes(n));
    if (clash !== undefined) {
      throw new EniConfigError(this.node.path, `a network is named "${clash}", which this construct uses for its HaVip (${RESERVED_IDS.join(", ")}); rename the network.`);
    }
    networks.forEach((net, ni) => {
      const where = `networks[${ni}] ("${net.name}")`;
      const vswitches = nonEmptyArray(this, net.vswitches, `${where}.vswitches`, "Give one vSwitch per zone the nodes live in.");
      nonEmptyArray(this, net.securityGroups, `${where}.securityGroups`, "Give 1 to 5 security groups for this network's ENIs.");
      const count = countProp(this, net.secondaryPrivateIpCount, `${where}.secondaryPrivateIpCount`, 0, 49);
      const group = new Construct(this, net.name);
      const byNode = new Map<IEcsInstance, NetworkInterface>();
      for (const node of nodes) {
        const vswitch = this.vswitchFor(node, net.name, vswitches);
        byNode.set(
          node,
          new NetworkInterface(group, node.node.id, {
            vswitch,
            securityGroups: net.securityGroups,
            secondaryPrivateIpCount: count > 0 ? count : undefined,
            instance: node,
            description: `HA cluster ${this.node.id}, network ${net.name}, node ${node.node.id}`,
            // A released node must not take its cluster addresses (and HaVip membership) with it.
            deleteOnRelease: false,
          }),
        );
      }
      this.enis.set(net.name, byNode);
    });

    if (props.virtualIp !== undefined) {
      const vip = props.virtualIp;
      if (!this.enis.has(vip?.network)) {
        throw new EniConfigError(this.node.path, `virtualIp.network is ${JSON.stringify(vip?.network)}, which is not one of the networks (${this.networkNames.join(", ")}). Name one of them.`);
      }
      const active = this.eniOf(nodes[0], vip.network);
      this.havip = new HaVip(this, VIRTUAL_IP_ID, { vswitch: active.vswitch, ipAddress: vip.ipAddress, description: `Virtual IP of HA cluster ${this.node.id} (${vip.network})` });
      this.havipAttachment = this.havip.attach(active, "ActiveNode");
      // Keepalived decides which member holds the address, so every standby is attached too; a standby
      // outside the HaVip's vSwitch cannot be, and the planner warns (ENI-HAVIP-STANDBY).
      nodes.slice(1).forEach((n) => this.havip!.addStandby(this.eniOf(n, vip.network), `Standby-${n.node.id}`));

      const eipProps = eipPropsOf(vip.eip);
      if (eipProps) {
        this.eip = new Eip(this, "VirtualIpEip", eipProps);
        this.eip.associate(this.havip);
      }
      // Outputs: the virtual IP, which node holds it now (known after apply, refreshed by `terraform refresh`), and the public VIP.
      const fix = "give this HAClusterEni another construct id.";
      const output = (what: string, value: string, description: string) =>
        new TerraformOutput(this, `virtual-ip-${what}`, { value, description }).overrideLogicalId(claimStackName(this, "output", identifier(this.node.id, "virtual_ip", what), fix));
      output("address", this.havip.ip.address, `Virtual IP of HA cluster ${this.node.path} (${vip.network} network)`);
      output("master_instance_id", this.havip.masterInstanceId, `Instance that holds the virtual IP of ${this.node.path} (HaVip master_instance_id)`);
      if (this.eip) output("public_ip", this.eip.ipAddress, `Public virtual IP (EIP on the HaVip) of ${this.node.path}`);
    }
  }

  /** The ENI of `node` (the instance or its construct id) in `network`. Throws for an unknown node or network. */
  public eniOf(node: IEcsInstance | string, network: string): NetworkInterface {
    const byNode = this.enis.get(network);
    if (!byNode) {
      throw new EniConfigError(this.node.path, `no network named ${JSON.stringify(network)}; known: ${this.networkNames.join(", ")}. Use one of those names.`);
    }
    const inst = typeof node === "string" ? this.nodes.find((n) => n.node.id === node) : node;
    const eni = inst === undefined ? undefined : byNode.get(inst);
    if (!eni) {
      const name = typeof node === "string" ? JSON.stringify(node) : node?.node?.path;
      throw new EniConfigError(this.node.path, `${name} is not a node of this cluster; nodes: ${this.nodes.map((n) => n.node.id).join(", ")}. Pass one of them (or its construct id).`);
    }
    return eni;
  }

  /** Every ENI of a network, in node order. */
  public enisOf(network: string): NetworkInterface[] {
    return this.nodes.map((n) => this.eniOf(n, network));
  }

  /** The vSwitch of `vswitches` in `node`'s zone; the first one when a zone is a token (the planner then warns). */
  private vswitchFor(node: IEcsInstance, network: string, vswitches: readonly IVSwitch[]): IVSwitch {
    const zone = node.vswitch.zoneId;
    if (isToken(zone) || vswitches.some((v) => isToken(v.zoneId))) return vswitches[0];
    const matches = vswitches.filter((v) => v.zoneId === zone);
    if (matches.length === 0) {
      throw new EniConfigError(
        this.node.path,
        `node ${node.node.path} is in zone ${zone}, but network "${network}" has no vSwitch there (its vSwitches are in ${vswitches.map((v) => `${v.zoneId} (${v.node.path})`).join(", ")}). Add a vSwitch in ${zone} to the network, or place the node in one of those zones.`,
      );
    }
    if (matches.length > 1) {
      throw new EniConfigError(
        this.node.path,
        `network "${network}" has ${matches.length} vSwitches in zone ${zone} (${matches.map((v) => v.node.path).join(", ")}); give one vSwitch per zone so each node's ENI has one place to go.`,
      );
    }
    return matches[0];
  }
}
