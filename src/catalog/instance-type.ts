/**
 * ENI limits of one ECS instance type, as the synth-time planner checks them.
 * Values come from the built-in catalog, a DescribeInstanceTypes import, or user overrides.
 */
export interface InstanceTypeLimits {
  /** Full instance type name, e.g. `ecs.g7.large`. */
  readonly name: string;

  /**
   * Instance family in DescribeInstanceTypes form, e.g. `ecs.g7` (a bare `g7` given to the catalog is stored as `ecs.g7`).
   * @default - unknown
   */
  readonly family?: string;

  /**
   * Number of vCPUs (informational).
   * @default - unknown
   */
  readonly vcpu?: number;

  /**
   * Memory in GiB (informational).
   * @default - unknown
   */
  readonly memoryGiB?: number;

  /** Maximum ENIs per instance, primary ENI included (so at most `eniQuantity - 1` secondary ENIs); DescribeInstanceTypes `EniQuantity`. */
  readonly eniQuantity: number;

  /** Maximum private IPv4 addresses per ENI, the ENI's primary private IP included; `undefined` when no source gives the number. DescribeInstanceTypes `EniPrivateIpAddressQuantity`. */
  readonly privateIpv4PerEni: number | undefined;

  /**
   * Maximum IPv6 addresses per ENI (0: no IPv6); DescribeInstanceTypes `EniIpv6AddressQuantity`.
   * @default - unknown
   */
  readonly ipv6PerEni?: number;

  /**
   * Secondary-ENI hot swap: true when secondary ENIs can be attached/detached while the instance is Running or Stopped;
   * false when only while it is Stopped.
   * @default - unknown
   */
  readonly hotSwap?: boolean;

  /**
   * Whether a secondary ENI can be attached while the instance is being created (RunInstances `NetworkInterface.N`).
   * @default - unknown
   */
  readonly secondaryEniAtCreation?: boolean;

  /** Human-readable origin of the numbers: a document title and URL, "DescribeInstanceTypes import", "user override", ... */
  readonly source: string;

  /**
   * Caveats about the numbers (doc anomalies, missing columns).
   * @default - none
   */
  readonly notes?: string;
}
