import type { RuleDefinition } from "../rule";

/** Rules reported by the allocation step (the planner's address pass), not by a rule group check. */
export const IP_INVALID: RuleDefinition = {
  id: "ENI-IP-INVALID",
  severity: "error",
  title: "A private IP (or a vSwitch's usedIps entry) is a dotted-quad IPv4 address",
  explanation: "ENIs take IPv4 private addresses; IPv6 and malformed values fail at apply.",
  source: "docs/eni-limits.md §2.4 [S6]",
  suppressible: false,
  layer: "address",
};
export const IP_OUTSIDE: RuleDefinition = {
  id: "ENI-IP-OUTSIDE",
  severity: "error",
  title: "Every private IP lies inside its vSwitch's CIDR",
  explanation: "An ENI's (or instance's, or HaVip's) addresses come from its vSwitch; an address outside it fails at apply.",
  source: "docs/eni-limits.md §1.2 [S13]",
  suppressible: false,
  layer: "address",
  premises: [
    { rule: "ENI-VSW-IN-VPC", scope: "within", then: "use an address inside the vSwitch's CIDR as it ends up, or leave it out to have one planned" },
    { rule: "ENI-VSW-OVERLAP", scope: "within", then: "use an address inside the vSwitch's CIDR as it ends up, or leave it out to have one planned" },
    { rule: "ENI-IMPORT-MISMATCH", scope: "within", then: "use an address inside the vSwitch's CIDR the imports agree on, or leave it out to have one planned" },
  ],
};
export const IP_RESERVED: RuleDefinition = {
  id: "ENI-IP-RESERVED",
  severity: "error",
  title: "No private IP is one of the four system-reserved addresses of its vSwitch (the first and the last three)",
  explanation: "Alibaba Cloud reserves the first address and the last three of every vSwitch CIDR (192.168.1.0/24: .0, .253, .254, .255).",
  source: "docs/eni-limits.md §1.2 [S12] [S13] [S15]",
  suppressible: false,
  layer: "address",
};
export const IP_USED: RuleDefinition = {
  id: "ENI-IP-USED",
  severity: "error",
  title: "No private IP is one the vSwitch's usedIps lists as taken outside this program",
  explanation: "Addresses already used in an existing vSwitch cannot be assigned again.",
  source: "VSwitch.fromVSwitchAttributes usedIps",
  suppressible: false,
  layer: "address",
};
export const IP_DUPLICATE: RuleDefinition = {
  id: "ENI-IP-DUPLICATE",
  severity: "error",
  title: "Every private IP is unique in its vSwitch, across all stacks of the app",
  explanation: "Two resources cannot hold the same private address; the second create fails.",
  source: "docs/eni-limits.md §2.4",
  suppressible: false,
  layer: "address",
};
export const VSW_EXHAUSTED: RuleDefinition = {
  id: "ENI-VSW-EXHAUSTED",
  severity: "error",
  title: "The vSwitch has enough free addresses for everything planned in it",
  explanation: "Usable addresses = size - 4 reserved - usedIps - explicit - already allocated. A /29 holds 4.",
  source: "docs/eni-limits.md §1.2 [S12] [S13]",
  suppressible: false,
  layer: "address",
};
export const IP_UNPLANNABLE: RuleDefinition = {
  id: "ENI-IP-UNPLANNABLE",
  severity: "error",
  title: "Explicit and planned secondary addresses are not mixed on a vSwitch whose CIDR is unknown",
  explanation: "With an unknown CIDR the planner cannot allocate; the ENI could only be given a count, which would drop the explicit addresses.",
  source: "docs/alicloud-provider-notes.md (private_ip_addresses conflicts with secondary_private_ip_address_count)",
  suppressible: false,
  layer: "address",
};
export const LOCK_FROZEN: RuleDefinition = {
  id: "ENI-LOCK-FROZEN",
  severity: "error",
  title: "With a frozen lock file (the default under CI), synth does not add, move or drop any lock entry",
  explanation: "The lock file keeps every address stable across synths; in CI it must already match the program. Run cdktf synth locally and commit the lock file.",
  source: "this library's design (like cdk.context.json)",
  suppressible: false,
  layer: "lock",
};

export const IP_LOCKED: RuleDefinition = {
  id: "ENI-IP-LOCKED",
  severity: "error",
  title: "No explicit private IP is one the lock file gives to another construct that still exists",
  explanation:
    "The lock file is the deployed truth: the other construct holds that address. Taking it would move the other construct to a new address, and an ENI whose primary address changes is replaced on apply (an outage).",
  source: "this library's design (the lock file records deployed addresses)",
  suppressible: false,
  layer: "address",
};
export const LOCK_REUSE: RuleDefinition = {
  id: "ENI-LOCK-REUSE",
  severity: "warning",
  title: "An address the lock file holds for a deleted or moved construct is given to another one",
  explanation:
    "Terraform may create the new resource before it destroys the old one; the create then fails with a duplicate address. Released addresses are reused only when the program gives one explicitly or no other address of the vSwitch is free.",
  source: "this library's design; Terraform plans creates and destroys of unrelated resources in any order",
  suppressible: true,
  layer: "lock",
};
export const LOCK_REPAIRED: RuleDefinition = {
  id: "ENI-LOCK-REPAIRED",
  severity: "warning",
  title: "A lock file entry that no longer fits its vSwitch (outside its CIDR, or a reserved address) is re-planned",
  explanation:
    "The address in the lock file cannot be used (the vSwitch CIDR changed, or the file was edited by hand); the construct gets a new address, and an ENI whose primary address changes is replaced on apply.",
  source: "this library's design",
  suppressible: true,
  layer: "lock",
};
export const LOCK_READONLY: RuleDefinition = {
  id: "ENI-LOCK-READONLY",
  severity: "error",
  title: "A lock file that would change is writable",
  explanation: "A read-only lock file is never replaced: the planner fails instead of losing the protection the file's owner asked for.",
  source: "this library's design",
  suppressible: false,
  layer: "lock",
};
export const VSW_USED_UNKNOWN: RuleDefinition = {
  id: "ENI-VSW-USED-UNKNOWN",
  severity: "warning",
  title: "An imported vSwitch the planner allocates in states the addresses already used in it (usedIps)",
  explanation:
    "Without usedIps the planner treats an existing vSwitch as empty and plans from its lowest address (.1), the one most likely taken; the create then fails at apply. usedIps: [] states that nothing else is in use.",
  source: "VSwitch.fromVSwitchAttributes usedIps; DescribeNetworkInterfaces / DescribeInstances / DescribeHaVips (src/existing/)",
  suppressible: true,
  layer: "vswitch",
};

/** Reported when the lock file cannot be read (corrupt or hand-edited). */
export const LOCK_INVALID: RuleDefinition = {
  id: "ENI-LOCK-INVALID",
  severity: "error",
  title: "The allocation lock file is readable and consistent",
  explanation: "A corrupt or hand-edited lock file cannot guarantee stable addresses; the planner refuses to guess.",
  source: "this library's design",
  suppressible: false,
  layer: "lock",
};

/** All rules of the address pass. */
export const ADDRESS_RULES: readonly RuleDefinition[] = [
  IP_INVALID,
  IP_OUTSIDE,
  IP_RESERVED,
  IP_USED,
  IP_DUPLICATE,
  IP_LOCKED,
  VSW_EXHAUSTED,
  VSW_USED_UNKNOWN,
  IP_UNPLANNABLE,
  LOCK_FROZEN,
  LOCK_INVALID,
  LOCK_READONLY,
  LOCK_REPAIRED,
  LOCK_REUSE,
];
