import { EniFact, isUnknown, SecurityGroupRuleFact } from "../../model/facts";
import type { RuleDefinition } from "../rule";
import { count, coversTcpPort, effectiveIngress, Family, IPV4, IPV6, priorityOf, sourceRange } from "./effective-ingress";
import type { RuleGroup } from "./rule-context";
import { UNKNOWN_VALUE } from "./unknown-value";

const MGMT_OPEN_ADMIN: RuleDefinition = {
  id: "ENI-SEC-MGMT-OPEN",
  severity: "warning",
  title: "A management ENI's security groups, together, admit the internet on a remote-administration port",
  explanation:
    "SSH (22), RDP (3389), Telnet (23), WinRM (5985/5986) and VNC (5900) open to the internet on a management plane invite brute-force attacks. The check works on the effective ingress per port: the rules of all the ENI's groups in Alibaba Cloud's evaluation order (priority 1 first; drop before accept at equal priority; the first match decides), so split blocks (0.0.0.0/1 + 128.0.0.0/1) count as one and a higher-priority drop closes. 'The internet' is a /8's worth of public IPv4 addresses (or a /32's worth of IPv6 global unicast) or more.",
  source: "ECS API AuthorizeSecurityGroup (Priority; drop precedence) and user guide 'Security group rules'; docs/security-group-evaluation.md; CIS benchmarks",
  suppressible: true,
  layer: "security-group",
};
const MGMT_EIP: RuleDefinition = {
  id: "ENI-SEC-MGMT-EIP",
  severity: "warning",
  title: "A management ENI gets a public IP (EIP)",
  explanation: "Management planes are meant to be reachable only from private networks (VPN, bastion); a public IP on one exposes remote administration.",
  source: "Alibaba Cloud ENI scenario 'fine-grained network management'",
  suppressible: true,
  layer: "eip-havip",
};
const CREDENTIALS: RuleDefinition = {
  id: "ENI-SEC-CREDENTIALS",
  severity: "error",
  title: "Provider credentials are written as literals in the program",
  explanation:
    "access_key / secret_key / security_token literals end up in cdk.tf.json and in version control. Use the ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY environment variables, a profile, or an ECS RAM role.",
  source: "alicloud provider docs (authentication); docs/alicloud-provider-notes.md (provider block)",
  suppressible: true,
  layer: "region",
};
const NO_RULES: RuleDefinition = {
  id: "ENI-SEC-SG-NO-RULES",
  severity: "warning",
  title: "Every security group of an ENI has no rules at all",
  explanation: "Security groups with no rules admit nothing inbound (basic groups still allow traffic between members): an ENI meant to serve traffic will not receive it.",
  source: "docs/eni-limits.md §2.3; Alibaba Cloud security group default rules",
  suppressible: true,
  layer: "security-group",
};
const SRC_DEST: RuleDefinition = {
  id: "ENI-SEC-SRC-DEST-CHECK",
  severity: "warning",
  title: "source_dest_check is disabled without a reason",
  explanation: "Disabling the source/destination check lets the ENI forward traffic for other addresses (routers, NAT, VPN). Say why with sourceDestCheckReason.",
  source: "alicloud_ecs_network_interface source_dest_check",
  suppressible: true,
  layer: "eni",
};

const ADMIN_PORTS: readonly { port: number; name: string }[] = [
  { port: 22, name: "SSH" },
  { port: 23, name: "Telnet" },
  { port: 3389, name: "RDP" },
  { port: 5900, name: "VNC" },
  { port: 5985, name: "WinRM" },
  { port: 5986, name: "WinRM over HTTPS" },
];

/** How a rule's source reads in messages. */
function sourceText(r: SecurityGroupRuleFact): string {
  const src = r.cidr ?? r.ipv6Cidr;
  const priority = isUnknown(r.priority) ? r.priority.description : priorityOf(r);
  return `${src === undefined ? "?" : isUnknown(src) ? src.description : src}, priority ${priority}`;
}

/** A rule whose source or priority the planner cannot see (a token, an unreadable block, or a source such as a prefix list). */
function isOpaque(r: SecurityGroupRuleFact): boolean {
  if (isUnknown(r.cidr) || isUnknown(r.ipv6Cidr) || isUnknown(r.priority)) return true;
  if (sourceRange(r, IPV4) === "unreadable" || sourceRange(r, IPV6) === "unreadable") return true;
  return r.cidr === undefined && r.ipv6Cidr === undefined && r.peerGroup === undefined;
}

/** "all public IPv4 addresses" or "37.5% of public IPv4 addresses". */
function share(n: bigint, family: Family): string {
  const total = count(family.publicRanges);
  if (n === total) return `all public ${family.name} addresses`;
  const permille = Number((n * 1000n) / total);
  return `${permille / 10}% of public ${family.name} addresses`;
}

type Report = (rule: RuleDefinition, msg: string, fix: string) => void;

/** ENI-SEC-MGMT-OPEN over the effective ingress of a management ENI, port by port. */
function checkManagement(eni: EniFact, report: Report): void {
  const rules = eni.securityGroups.flatMap((g) => g.rules);
  const opaque = rules.filter((r) => r.direction === "ingress" && isOpaque(r) && ADMIN_PORTS.some((a) => coversTcpPort(r, a.port)));
  const known = rules.filter((r) => !opaque.includes(r));
  const unknownGroups = eni.securityGroups.filter((g) => !g.rulesKnown).map((g) => g.path);
  const open: string[] = [];
  for (const a of ADMIN_PORTS) {
    for (const family of [IPV4, IPV6]) {
      const e = effectiveIngress(known, a.port, family);
      if (e.publicCount >= family.internetThreshold) {
        open.push(`${a.name} ${a.port} from ${share(e.publicCount, family)} (${e.openers.map((r) => `${r.path}: ${sourceText(r)}`).join("; ")})`);
      }
    }
  }
  const unseen = [...unknownGroups.map((g) => `the rules of imported security group ${g}`), ...opaque.map((r) => `the source or priority of ${r.path} (${sourceText(r)})`)];
  if (open.length > 0) {
    const caveat = unseen.length > 0 ? ` Not seen: ${unseen.join(", ")}; only a drop rule there could close it.` : "";
    report(
      MGMT_OPEN_ADMIN,
      `the management ENI admits the internet on ${open.join(", ")}, after priorities and drop rules of its groups (${eni.securityGroups.map((g) => g.path).join(", ")}).${caveat}`,
      'Restrict the source to your admin network or bastion (e.g. Peer.ipv4("10.0.0.0/8")), or add a drop rule for the internet with a higher priority (smaller number) than the accept rule, or suppress with the reason.',
    );
  }
  if (unseen.length > 0) {
    report(
      UNKNOWN_VALUE,
      `ENI-SEC-MGMT-OPEN could not ${open.length > 0 ? "fully " : ""}check whether this management ENI's remote-administration ports are open to the internet; unknown at synth time: ${unseen.join("; ")}.`,
      unknownGroups.length > 0
        ? "Manage the group in this program (new SecurityGroup) so its rules are checked, or check them yourself and suppress ENI-UNKNOWN-VALUE on the ENI with what you found."
        : "Give the rule's peer CIDR and priority as literals, or suppress ENI-UNKNOWN-VALUE on the ENI with the reason the value is safe.",
    );
  }
}

function checkEni(eni: EniFact, report: Report): void {
  if (eni.management) checkManagement(eni, report);
  if (eni.securityGroups.length > 0 && eni.securityGroups.every((g) => g.rulesKnown && g.rules.length === 0)) {
    report(
      NO_RULES,
      `none of the ENI's security groups (${eni.securityGroups.map((g) => g.path).join(", ")}) has any rule; it will receive no traffic from outside the group.`,
      "Add ingress rules for the traffic this ENI serves (SecurityGroup ingress / addIngressRule).",
    );
  }
  if (eni.sourceDestCheck === false && (eni.sourceDestCheckReason ?? "").trim() === "") {
    report(SRC_DEST, "source_dest_check is disabled and no sourceDestCheckReason is given.", 'Set sourceDestCheckReason (e.g. "NAT instance forwarding for 10.0.2.0/24"), or leave the check enabled.');
  }
}

/** Security rules: exposed management planes, literal credentials, empty groups, source/dest check. */
export const SECURITY_RULES: RuleGroup = {
  rules: [MGMT_OPEN_ADMIN, MGMT_EIP, CREDENTIALS, NO_RULES, SRC_DEST],
  check(ctx) {
    for (const eni of ctx.model.enis) checkEni(eni, (rule, msg, fix) => ctx.report(rule, eni.path, msg, fix));
    for (const eip of ctx.model.eips) {
      if (eip.target?.kind === "eni" && eip.target.management) {
        ctx.report(MGMT_EIP, eip.path, `EIP is bound to management ENI ${eip.target.path}.`, "Reach management planes through a VPN or bastion instead, or suppress with the reason.");
      }
    }
    for (const p of ctx.model.providers) {
      if (p.literalCredentials.length > 0) {
        ctx.report(
          CREDENTIALS,
          p.path,
          `provider credentials written as literals: ${p.literalCredentials.join(", ")} (values not shown).`,
          "Remove them and use the ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY environment variables, a profile, or an ECS RAM role.",
        );
      }
    }
  },
};
