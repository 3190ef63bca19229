import { Construct } from "constructs";
import { EniConfigError } from "../errors";
import { Eip, EipProps } from "../resources/eip";
import { IEcsInstance } from "../resources/ecs-instance";
import { NetworkInterface } from "../resources/network-interface";
import { ISecurityGroup } from "../resources/security-group";
import { IVSwitch } from "../resources/vswitch";
import { checkNames, eipPropsOf, nonEmptyArray } from "./private/checks";
import { countProp, requireKind } from "../resources/private/props";

/** One traffic plane of a {@link SegmentedInstance}, on its own secondary ENI. */
export interface NetworkPlane {
  /** Plane name, unique on the instance (letters, digits, ".", "_", "-"), e.g. management. */
  readonly name: string;
  /** vSwitch of the plane's ENI: same VPC and zone as the instance. */
  readonly vswitch: IVSwitch;
  /** Security groups of the plane's ENI: 1 to 5, of one type, in the vSwitch's VPC. */
  readonly securityGroups: ISecurityGroup[];
  /** The plane carries management (remote administration) traffic: the planner warns when it is open to the internet or has an EIP. @default false */
  readonly management?: boolean;
  /** Secondary private IPs on the plane's ENI. @default 0 */
  readonly secondaryPrivateIpCount?: number;
  /** An EIP bound (NAT mode) to the plane ENI's primary IP: true, or its properties. @default false */
  readonly eip?: boolean | EipProps;
}

/** Properties of a {@link SegmentedInstance}. */
export interface SegmentedInstanceProps {
  /** The instance (new or imported). */
  readonly instance: IEcsInstance;
  /** The planes, each on its own secondary ENI, e.g. management and business. */
  readonly planes: NetworkPlane[];
}

/**
 * Fine-grained network management: one instance whose traffic is split into planes (management,
 * business, storage...), each on its own secondary ENI with its own vSwitch, security groups and
 * optionally an EIP. Management planes are flagged so that the planner warns when their security
 * groups admit the internet on an administration port (ENI-SEC-MGMT-OPEN) or when they get an EIP
 * (ENI-SEC-MGMT-EIP); suppress with a reason (EniSuppressions) where that is intended.
 */
export class SegmentedInstance extends Construct {
  /** The instance. */
  public readonly instance: IEcsInstance;
  /** The plane names, in order. */
  public readonly planeNames: readonly string[];
  private readonly planes = new Map<string, { eni: NetworkInterface; eip?: Eip }>();

  constructor(scope: Construct, id: string, props: SegmentedInstanceProps) {
    super(scope, id);
    this.instance = requireKind(this, props?.instance, "instance", "instance");
    const planes = nonEmptyArray(this, props.planes, "planes", 'Describe at least one plane (e.g. { name: "management", vswitch, securityGroups, management: true }).');
    this.planeNames = checkNames(
      this,
      planes.map((p) => p?.name),
      "planes[].name",
    );
    planes.forEach((plane, i) => {
      const where = `planes[${i}] ("${plane.name}")`;
      nonEmptyArray(this, plane.securityGroups, `${where}.securityGroups`, "Give 1 to 5 security groups for this plane's ENI.");
      if (plane.vswitch === undefined || plane.vswitch === null) {
        throw new EniConfigError(this.node.path, `${where}.vswitch is ${String(plane.vswitch)}; give the vSwitch of the plane (same VPC and zone as the instance).`);
      }
      const count = countProp(this, plane.secondaryPrivateIpCount, `${where}.secondaryPrivateIpCount`, 0, 49);
      const group = new Construct(this, plane.name);
      const eni = new NetworkInterface(group, "Eni", {
        vswitch: plane.vswitch,
        securityGroups: plane.securityGroups,
        secondaryPrivateIpCount: count,
        management: plane.management ?? false,
        instance: this.instance,
        description: `${plane.management ? "Management" : "Traffic"} plane ${plane.name} of ${this.instance.node.id}`,
      });
      eni.fact.plane = plane.name; // a plane is one ENI: the planner's fixes never suggest more ENIs for it
      const eipProps = eipPropsOf(plane.eip);
      let eip: Eip | undefined;
      if (eipProps) {
        eip = new Eip(group, "Eip", eipProps);
        eip.associate(eni, eni.primaryIp);
      }
      this.planes.set(plane.name, { eni, eip });
    });
  }

  /** The ENI of a plane (throws for an unknown name). */
  public planeEni(name: string): NetworkInterface {
    return this.plane(name).eni;
  }

  /** The EIP of a plane, or undefined when it has none (throws for an unknown name). */
  public eipOf(name: string): Eip | undefined {
    return this.plane(name).eip;
  }

  private plane(name: string) {
    const p = this.planes.get(name);
    if (!p) throw new EniConfigError(this.node.path, `no plane named ${JSON.stringify(name)}; planes: ${this.planeNames.join(", ")}. Use one of those names.`);
    return p;
  }
}
