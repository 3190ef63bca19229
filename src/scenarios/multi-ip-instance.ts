import { Construct } from "constructs";
import { TerraformOutput } from "../cdktf";
import { EniConfigError } from "../errors";
import { Eip, EipProps } from "../resources/eip";
import { IEcsInstance } from "../resources/ecs-instance";
import { NetworkInterface } from "../resources/network-interface";
import { PrivateIpAddress } from "../resources/private-ip-address";
import { ISecurityGroup } from "../resources/security-group";
import { IVSwitch } from "../resources/vswitch";
import { checkNames, claimStackName, identifier, layoutOf, nonEmptyArray } from "./private/checks";
import { countProp, requireKind } from "../resources/private/props";

/** Properties of a {@link MultiIpInstance}. */
export interface MultiIpInstanceProps {
  /** The instance that gets the addresses: a new EcsInstance or one imported with EcsInstance.fromEcsInstanceAttributes. */
  readonly instance: IEcsInstance;
  /** Number of private IPs wanted besides the instance's own primary IP; they are named ip-1 ... ip-N. @default - give applications instead (exactly one of the two) */
  readonly privateIpCount?: number;
  /** Application names, one private IP each (unique; letters, digits, ".", "_", "-"); list order picks the ENI, name order the address (see the class doc). @default - give privateIpCount instead (exactly one of the two) */
  readonly applications?: string[];
  /** Number of EIPs, bound in NAT mode one each to the first addresses (in application order); at most the number of addresses. @default 0 */
  readonly publicIpCount?: number;
  /** vSwitch of the secondary ENIs created when the primary ENI is full. @default - the instance's own vSwitch */
  readonly vswitch?: IVSwitch;
  /** Security groups of the secondary ENIs. @default - the instance's security groups (a new EcsInstance); required for an imported instance when ENIs are needed */
  readonly securityGroups?: ISecurityGroup[];
  /** Properties of every EIP. @default - Eip defaults (5 Mbit/s, PayByTraffic, PayAsYouGo) */
  readonly eipProps?: EipProps;
}

/** ENI descriptions are 2 to 256 characters. */
function shorten(text: string): string {
  return text.length <= 256 ? text : `${text.slice(0, 253)}...`;
}

/** Most addresses one MultiIpInstance lays out (a guard against runaway loops, far above any type's capacity). */
const MAX_ADDRESSES = 1000;

/**
 * Many private IPs on one instance, one per application, and optionally many public IPs.
 *
 * Addresses fill the instance's primary ENI first (new instances only: secondary private IPs
 * cannot be added to an imported instance's primary ENI), then secondary ENIs, each holding as
 * many addresses as the instance type allows per ENI (its own primary IP included, and at most
 * `maxSecondaryIpsAtCreation` secondary ones). Limits come from the planner's catalog. A request
 * the type cannot hold is laid out anyway (more ENIs than the type allows) so that the planner
 * reports it at synth (ENI-COUNT) with the numbers and a larger type; for an unknown type a
 * default of 6 addresses per ENI is used and the planner warns.
 *
 * Which ENI an application lands on follows list order (the primary ENI's free slots take the first
 * applications, then each secondary ENI the next ones). Which address it gets does not: the planner hands
 * out new addresses in code-unit order of their allocation keys (`<owner path>#app:<name>`), so on one ENI
 * applications get ascending addresses in alphabetical order of their names (`checkout` before `search`
 * whatever their list order), and a secondary ENI's application addresses come before its own primary IP
 * (`#app:...` sorts before `#primary`). Once given, an address is kept by the lock file. Add new
 * applications at the end of the list: inserting one earlier moves later applications to other ENIs.
 *
 * Every address (and public IP) is also a Terraform output, `<construct id>_<application>_private_ip`
 * (and `_public_ip`), e.g. `sites_shop_public_ip`.
 */
export class MultiIpInstance extends Construct {
  /**
   * How many addresses besides its own primary IP the type of `instance` holds when laid out the way
   * MultiIpInstance does it: the primary ENI's secondary slots (new instances only) plus a full ENI
   * for every further ENI the type allows (ENIs an imported instance already has are subtracted).
   * Addresses and ENIs added to the instance by other constructs are not subtracted. Undefined when
   * the type's limits are unknown. E.g. ecs.g7.large (3 ENIs x 6 addresses): 5 + 2 x 6 = 17.
   */
  public static capacityOf(instance: IEcsInstance): number | undefined {
    const layout = layoutOf(instance, instance);
    if (!layout.known) return undefined;
    const primaryRoom = instance.canAddSecondaryPrivateIps ? layout.privateIpv4PerEni - 1 : 0;
    const perEni = 1 + Math.min(layout.privateIpv4PerEni - 1, layout.maxSecondaryIpsAtCreation);
    return primaryRoom + Math.max(0, layout.eniQuantity - instance.fact.existingEniCount) * perEni;
  }

  /** The instance. */
  public readonly instance: IEcsInstance;
  /** The application names, in order (ip-1 ... ip-N when privateIpCount was given). */
  public readonly applications: readonly string[];
  /** The application addresses, in application order. */
  public readonly addresses: readonly PrivateIpAddress[];
  /** The EIPs, in application order (the first publicIpCount applications). */
  public readonly eips: readonly Eip[];
  /** The secondary ENIs created (empty when the primary ENI holds every address). */
  public readonly networkInterfaces: readonly NetworkInterface[];
  private readonly byApp = new Map<string, { address: PrivateIpAddress; eni?: NetworkInterface; eip?: Eip }>();

  constructor(scope: Construct, id: string, props: MultiIpInstanceProps) {
    super(scope, id);
    const instance = requireKind(this, props?.instance, "instance", "instance");
    this.instance = instance;
    this.applications = this.applicationNames(props);
    const publicIpCount = countProp(this, props.publicIpCount, "publicIpCount", 0, MAX_ADDRESSES);
    if (publicIpCount > this.applications.length) {
      throw new EniConfigError(
        this.node.path,
        `publicIpCount is ${publicIpCount} but only ${this.applications.length} private IP(s) are requested; each EIP is bound (NAT mode) to its own private IP. Lower publicIpCount or ask for more addresses.`,
      );
    }
    // Output names, claimed before anything is created: <construct id>_<application>_private_ip / _public_ip.
    const fix = "give this MultiIpInstance (or the other construct) another id, or rename the application.";
    const outputNames = new Map<string, string>();
    this.applications.forEach((app, i) => {
      for (const what of i < publicIpCount ? ["private_ip", "public_ip"] : ["private_ip"]) {
        outputNames.set(`${app}-${what}`, claimStackName(this, "output", identifier(this.node.id, app, what), fix));
      }
    });
    if (props.vswitch !== undefined) requireKind(this, props.vswitch, "vswitch", "vswitch");
    if (props.securityGroups !== undefined) {
      nonEmptyArray(this, props.securityGroups, "securityGroups", "Give 1 to 5 security groups for the secondary ENIs, or leave securityGroups out to reuse the instance's.");
    }

    const layout = layoutOf(this, instance);
    const queue = [...this.applications];
    const roleOf = (app: string) => `app:${app}`;

    // 1. The primary ENI's free secondary slots.
    if (instance.canAddSecondaryPrivateIps) {
      const room = Math.max(0, layout.privateIpv4PerEni - 1 - instance.secondaryPrivateIps.length);
      const onPrimary = queue.splice(0, room);
      if (onPrimary.length > 0) {
        instance.addSecondaryPrivateIps(onPrimary.map(roleOf)).forEach((address, i) => this.byApp.set(onPrimary[i], { address }));
      }
    }

    // 2. Secondary ENIs: each one's primary IP serves an application too.
    const enis: NetworkInterface[] = [];
    if (queue.length > 0) {
      const securityGroups = props.securityGroups ?? [...instance.securityGroups];
      if (securityGroups.length === 0) {
        throw new EniConfigError(
          this.node.path,
          `${queue.length} of the ${this.applications.length} address(es) need secondary ENIs, but instance ${instance.node.path} is imported and its security groups are unknown. ` +
            "Pass securityGroups (e.g. SecurityGroup.fromSecurityGroupAttributes(...)) for the secondary ENIs.",
        );
      }
      const vswitch = props.vswitch ?? instance.vswitch;
      const perEni = 1 + Math.min(layout.privateIpv4PerEni - 1, layout.maxSecondaryIpsAtCreation);
      while (queue.length > 0) {
        const chunk = queue.splice(0, perEni);
        const eni = new NetworkInterface(this, `Eni${enis.length + 1}`, {
          vswitch,
          securityGroups,
          instance,
          description: shorten(`Private IPs of ${chunk.join(", ")} (MultiIpInstance ${this.node.id})`),
        });
        enis.push(eni);
        this.byApp.set(chunk[0], { address: eni.primaryIp, eni });
        eni.addSecondaryPrivateIps(chunk.slice(1).map(roleOf)).forEach((address, i) => this.byApp.set(chunk[i + 1], { address, eni }));
      }
    }
    this.networkInterfaces = enis;
    this.addresses = this.applications.map((app) => this.byApp.get(app)!.address);

    // 3. EIPs (NAT mode), one per address, in application order.
    const eips: Eip[] = [];
    for (const app of this.applications.slice(0, publicIpCount)) {
      const entry = this.byApp.get(app)!;
      const eip = new Eip(this, `Eip-${app}`, props.eipProps ?? {});
      eip.associate(entry.eni ?? instance, entry.address);
      entry.eip = eip;
      eips.push(eip);
    }
    this.eips = eips;

    // 4. Outputs.
    const output = (app: string, what: string, value: string, description: string) =>
      new TerraformOutput(this, `${app}-${what}`, { value, description }).overrideLogicalId(outputNames.get(`${app}-${what}`)!);
    for (const app of this.applications) {
      const entry = this.byApp.get(app)!;
      output(app, "private_ip", entry.address.address, `Private IP of ${app} on ${instance.node.path}`);
      if (entry.eip) output(app, "public_ip", entry.eip.ipAddress, `Public IP (EIP, NAT mode) of ${app} on ${instance.node.path}`);
    }
  }

  /** The private IP of an application (throws for an unknown name). */
  public addressOf(app: string): PrivateIpAddress {
    return this.entry(app).address;
  }

  /** The EIP of an application, or undefined when it has none (throws for an unknown name). */
  public publicIpOf(app: string): Eip | undefined {
    return this.entry(app).eip;
  }

  /** The secondary ENI carrying an application's address, or undefined when it is on the primary ENI (throws for an unknown name). */
  public networkInterfaceOf(app: string): NetworkInterface | undefined {
    return this.entry(app).eni;
  }

  private entry(app: string) {
    const e = this.byApp.get(app);
    if (!e) {
      throw new EniConfigError(this.node.path, `no application named ${JSON.stringify(app)}; known: ${this.applications.join(", ")}. Use one of those names.`);
    }
    return e;
  }

  private applicationNames(props: MultiIpInstanceProps): string[] {
    if (props.privateIpCount !== undefined && props.applications !== undefined) {
      throw new EniConfigError(
        this.node.path,
        `privateIpCount (${JSON.stringify(props.privateIpCount)}) and applications (${props.applications.length}) cannot both be set: give a count, or one name per application.`,
      );
    }
    if (props.applications !== undefined) {
      nonEmptyArray(this, props.applications, "applications", "Name at least one application, or use privateIpCount.");
      if (props.applications.length > MAX_ADDRESSES) {
        throw new EniConfigError(this.node.path, `applications has ${props.applications.length} names; expected at most ${MAX_ADDRESSES}.`);
      }
      return checkNames(this, props.applications, "applications");
    }
    if (props.privateIpCount === undefined) {
      throw new EniConfigError(this.node.path, "neither privateIpCount nor applications is set; give the number of private IPs wanted, or one name per application.");
    }
    const n = countProp(this, props.privateIpCount, "privateIpCount", 1, MAX_ADDRESSES);
    return Array.from({ length: n }, (_, i) => `ip-${i + 1}`);
  }
}
