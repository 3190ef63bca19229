import { InstanceTypeCatalog } from "../catalog";
import { show } from "../show";

/** Options of the synth-time planner, set once per app with `EniPlanner.configure(app, options)`. */
export interface EniPlannerOptions {
  /**
   * Accept instance types missing from the catalog: ENI-TYPE-UNKNOWN becomes a warning instead of an error.
   * Their limits are then not checked, and MultiIpInstance refuses to lay addresses out on guessed limits.
   * Prefer adding the type with `catalog.withTypes([...])`. @default false
   */
  readonly allowUnknownInstanceTypes?: boolean;
  /**
   * Removed: unknown instance types are errors by default now. Setting it (to anything) is refused with a
   * message naming `allowUnknownInstanceTypes`. @deprecated use allowUnknownInstanceTypes
   */
  readonly strict?: boolean;
  /** Instance-type limits. @default InstanceTypeCatalog.builtIn() */
  readonly catalog?: InstanceTypeCatalog;
  /**
   * Allocation lock file, relative to the working directory (where cdktf.json is), or false for none.
   * @default - $CDKTF_ENI_LOCK_FILE if set ("none" disables); else none for apps made by cdktf's
   * `Testing.app()` (so unit tests never write or depend on one); else "eni-allocations.lock.json"
   */
  readonly lockFile?: string | false;
  /** Fail instead of changing the lock file. @default - true when the CI environment variable is set */
  readonly frozen?: boolean;
  /** ENIs per account per region (ENI-REGION-QUOTA). @default 100 */
  readonly eniQuotaPerRegion?: number;
  /** EIPs per account (ENI-EIP-QUOTA). @default 20 */
  readonly eipQuota?: number;
  /** Security groups per ENI (ENI-SG-COUNT); raisable on request to 10 or 16. @default 5 */
  readonly maxSecurityGroupsPerEni?: number;
  /** Secondary private IPs one ENI may be created with (CreateNetworkInterface PrivateIpAddress.N). @default 10 */
  readonly maxSecondaryIpsAtCreation?: number;
  /** Shortest VPC prefix allowed: 8 (API) or 16 (console guidance). @default 8 */
  readonly minVpcPrefix?: number;
  /** Require an ENI to be in the same vSwitch as its instance (one doc page says so; the ENI overview does not). @default false */
  readonly requireSameVSwitch?: boolean;
  /**
   * Members (ENIs or instances) per HaVip (ENI-HAVIP-MEMBERS): 10 per the HaVip overview; the AssociateHaVip API
   * page says 2, so above 2 the planner warns (ENI-HAVIP-MEMBERS-API). @default 10
   */
  readonly maxHaVipMembers?: number;
  /** Do not print the terminal summary (counts, lock note, vSwitch utilisation); warnings and errors are still printed. @default - true when CDKTF_ENI_QUIET=1 */
  readonly quiet?: boolean;
  /** Private addresses per basic (normal) security group, every ENI in it counted (ENI-SG-CAPACITY; quota q_vpc-normal-security-group-ip-count). @default 6000 */
  readonly maxIpsPerBasicSecurityGroup?: number;
  /** ENIs per advanced (enterprise) security group (ENI-SG-CAPACITY). @default 65536 */
  readonly maxEnisPerAdvancedSecurityGroup?: number;
  /** How many addresses one IPv4 prefix counts for in ENI-SG-CAPACITY: 1 or 16 (the docs do not say; see docs/eni-limits.md open question 13). @default 16 */
  readonly securityGroupIpsPerPrefix?: number;
  /** IPv4 CIDR reservations per vSwitch (ENI-PREFIX-RESERVATION; CreateVSwitchCidrReservation, 2024). @default 10 */
  readonly maxReservationsPerVSwitch?: number;
  /** IPv4 CIDR reservations per VPC (ENI-PREFIX-RESERVATION; VPC docs). @default 100 */
  readonly maxReservationsPerVpc?: number;
  /** Regions where ENI prefixes are available (ENI-PREFIX-REGION, a warning: the list changes). @default PREFIX_REGIONS (24 regions, ECS 'IP prefixes', May 2026) */
  readonly prefixRegions?: readonly string[];
  /**
   * Print every unsuppressed warning at synth, in the finding format (rule id, path, values, fix).
   * @default - true; false for apps made by cdktf's `Testing.app()` (unit tests read findings with EniPlanner.of(app).inspect())
   */
  readonly printWarnings?: boolean;
}

/**
 * Regions with the IP prefix feature, from ECS "IP prefixes" (https://www.alibabacloud.com/help/en/ecs/user-guide/ip-prefix,
 * May 29, 2026): Singapore, US (Silicon Valley), US (Virginia), Philippines (Manila), Germany (Frankfurt), UK (London),
 * Malaysia (Kuala Lumpur), Thailand (Bangkok), Indonesia (Jakarta), Japan (Tokyo), South Korea (Seoul), UAE (Dubai),
 * SAU (Riyadh), China (Qingdao, Beijing, Hangzhou, Shenzhen, Shanghai, Hong Kong, Hohhot, Chengdu, Heyuan, Ulanqab, Guangzhou).
 */
export const PREFIX_REGIONS: readonly string[] = [
  "ap-southeast-1",
  "us-west-1",
  "us-east-1",
  "ap-southeast-6",
  "eu-central-1",
  "eu-west-1",
  "ap-southeast-3",
  "ap-southeast-7",
  "ap-southeast-5",
  "ap-northeast-1",
  "ap-northeast-2",
  "me-east-1",
  "me-central-1",
  "cn-qingdao",
  "cn-beijing",
  "cn-hangzhou",
  "cn-shenzhen",
  "cn-shanghai",
  "cn-hongkong",
  "cn-huhehaote",
  "cn-chengdu",
  "cn-heyuan",
  "cn-wulanchabu",
  "cn-guangzhou",
];

/** Options with every default filled in. */
export interface ResolvedPlannerOptions {
  readonly allowUnknownInstanceTypes: boolean;
  readonly catalog: InstanceTypeCatalog;
  readonly lockFile: string | false;
  readonly frozen: boolean;
  readonly eniQuotaPerRegion: number;
  readonly eipQuota: number;
  readonly maxSecurityGroupsPerEni: number;
  readonly maxSecondaryIpsAtCreation: number;
  readonly minVpcPrefix: number;
  readonly requireSameVSwitch: boolean;
  readonly maxHaVipMembers: number;
  readonly quiet: boolean;
  readonly maxIpsPerBasicSecurityGroup: number;
  readonly maxEnisPerAdvancedSecurityGroup: number;
  readonly securityGroupIpsPerPrefix: number;
  readonly maxReservationsPerVSwitch: number;
  readonly maxReservationsPerVpc: number;
  readonly prefixRegions: readonly string[];
  readonly printWarnings: boolean;
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`EniPlanner option ${name} is ${show(value)}; expected a whole number of at least 1.`);
  }
  return value;
}

/** Fills in defaults (from the environment where documented) and checks the values. */
export function resolveOptions(options: EniPlannerOptions = {}, env: NodeJS.ProcessEnv = process.env, testingApp = false): ResolvedPlannerOptions {
  const envLock = env.CDKTF_ENI_LOCK_FILE;
  const lockFile = options.lockFile !== undefined ? options.lockFile : envLock === "none" ? false : envLock && envLock !== "" ? envLock : testingApp ? false : "eni-allocations.lock.json";
  if (options.strict !== undefined) {
    throw new Error(
      `EniPlanner option strict was removed: an instance type missing from the catalog is now an error by default (ENI-TYPE-UNKNOWN). ` +
        `Remove strict${options.strict ? "" : "; to keep unknown types as warnings, set allowUnknownInstanceTypes: true (or better, add the type with catalog.withTypes([...]))"}.`,
    );
  }
  const minVpcPrefix = options.minVpcPrefix ?? 8;
  if (minVpcPrefix !== 8 && minVpcPrefix !== 16) {
    throw new Error(`EniPlanner option minVpcPrefix is ${show(minVpcPrefix)}; expected 8 (API) or 16 (console guidance).`);
  }
  const ipsPerPrefix = options.securityGroupIpsPerPrefix ?? 16;
  if (ipsPerPrefix !== 1 && ipsPerPrefix !== 16) {
    throw new Error(`EniPlanner option securityGroupIpsPerPrefix is ${show(ipsPerPrefix)}; expected 1 (a prefix counts as one address) or 16 (as its 16 addresses).`);
  }
  return {
    allowUnknownInstanceTypes: options.allowUnknownInstanceTypes ?? false,
    catalog: options.catalog ?? InstanceTypeCatalog.builtIn(),
    lockFile,
    frozen: options.frozen ?? (env.CI !== undefined && env.CI !== "" && env.CI !== "false" && env.CI !== "0"),
    eniQuotaPerRegion: positiveInt("eniQuotaPerRegion", options.eniQuotaPerRegion, 100),
    eipQuota: positiveInt("eipQuota", options.eipQuota, 20),
    maxSecurityGroupsPerEni: positiveInt("maxSecurityGroupsPerEni", options.maxSecurityGroupsPerEni, 5),
    maxSecondaryIpsAtCreation: positiveInt("maxSecondaryIpsAtCreation", options.maxSecondaryIpsAtCreation, 10),
    minVpcPrefix,
    requireSameVSwitch: options.requireSameVSwitch ?? false,
    maxHaVipMembers: positiveInt("maxHaVipMembers", options.maxHaVipMembers, 10),
    quiet: options.quiet ?? env.CDKTF_ENI_QUIET === "1",
    maxIpsPerBasicSecurityGroup: positiveInt("maxIpsPerBasicSecurityGroup", options.maxIpsPerBasicSecurityGroup, 6000),
    maxEnisPerAdvancedSecurityGroup: positiveInt("maxEnisPerAdvancedSecurityGroup", options.maxEnisPerAdvancedSecurityGroup, 65536),
    securityGroupIpsPerPrefix: ipsPerPrefix,
    maxReservationsPerVSwitch: positiveInt("maxReservationsPerVSwitch", options.maxReservationsPerVSwitch, 10),
    maxReservationsPerVpc: positiveInt("maxReservationsPerVpc", options.maxReservationsPerVpc, 100),
    prefixRegions: [...(options.prefixRegions ?? PREFIX_REGIONS)],
    printWarnings: options.printWarnings ?? !testingApp,
  };
}
