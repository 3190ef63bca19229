import type { RuleDefinition } from "../rule";
import { ADDRESS_RULES } from "./address-rules";
import { ATTACHMENT_RULES } from "./attachment-rules";
import { CAPACITY_RULES } from "./capacity-rules";
import { CIDR_RULES } from "./cidr-rules";
import { EIP_MODE_RULES } from "./eip-mode-rules";
import { EIP_RULES } from "./eip-rules";
import { IPV6_RULES } from "./ipv6-rules";
import { PREFIX_RULES } from "./prefix-rules";
import { PLACEMENT_RULES } from "./placement-rules";
import { REGION_RULES } from "./region-rules";
import type { RuleGroup } from "./rule-context";
import { SECURITY_GROUP_RULES } from "./security-group-rules";
import { SECURITY_RULES } from "./security-rules";
import { UNKNOWN_VALUE } from "./unknown-value";

/** The rule groups, in evaluation order. */
export const RULE_GROUPS: readonly RuleGroup[] = [
  CIDR_RULES,
  PLACEMENT_RULES,
  SECURITY_GROUP_RULES,
  CAPACITY_RULES,
  IPV6_RULES,
  PREFIX_RULES,
  ATTACHMENT_RULES,
  EIP_RULES,
  EIP_MODE_RULES,
  REGION_RULES,
  SECURITY_RULES,
];

/** Every rule the planner can report, by id. */
export const ALL_RULES: readonly RuleDefinition[] = [...RULE_GROUPS.flatMap((g) => g.rules), ...ADDRESS_RULES, UNKNOWN_VALUE];

/** Looks up a rule by id. */
export function ruleById(id: string): RuleDefinition | undefined {
  return ALL_RULES.find((r) => r.id === id);
}
