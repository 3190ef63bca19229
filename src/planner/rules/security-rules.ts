import { EniFact, SecurityGroupFact, SecurityGroupRuleFact } from "../../model/facts";
import type { RuleDefinition } from "../rule";
import type { RuleGroup } from "./rule-context";

const MGMT_OPEN_ADMIN: RuleDefinition = {
  id: "ENI-SEC-MGMT-OPEN",
  severity: "warning",
  title: "A management ENI's security group admits 0.0.0.0/0 (or ::/0) on a remote-administration port",
  explanation: "SSH (22), RDP (3389), Telnet (23), WinRM (5985/5986) and VNC (5900) open to the whole internet on a management plane invite brute-force attacks; restrict the source to an admin network or bastion.",
  source: "Alibaba Cloud security group best practices; CIS benchmarks",
  suppressible: true,
};
const MGMT_EIP: RuleDefinition = {
  id: "ENI-SEC-MGMT-EIP",
  severity: "warning",
  title: "A management ENI gets a public IP (EIP)",
  explanation: "Management planes are meant to be reachable only from private networks (VPN, bastion); a public IP on one exposes remote administration.",
  source: "Alibaba Cloud ENI scenario 'fine-grained network management'",
  suppressible: true,
};
const CREDENTIALS: RuleDefinition = {
  id: "ENI-SEC-CREDENTIALS",
  severity: "error",
  title: "Provider credentials are written as literals in the program",
  explanation: "access_key / secret_key / security_token literals end up in cdk.tf.json and in version control. Use the ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY environment variables, a profile, or an ECS RAM role.",
  source: "alicloud provider docs (authentication); docs/alicloud-provider-notes.md (provider block)",
  suppressible: true,
};
const NO_RULES: RuleDefinition = {
  id: "ENI-SEC-SG-NO-RULES",
  severity: "warning",
  title: "Every security group of an ENI has no rules at all",
  explanation: "Security groups with no rules admit nothing inbound (basic groups still allow traffic between members): an ENI meant to serve traffic will not receive it.",
  source: "docs/eni-limits.md §2.3; Alibaba Cloud security group default rules",
  suppressible: true,
};
const SRC_DEST: RuleDefinition = {
  id: "ENI-SEC-SRC-DEST-CHECK",
  severity: "warning",
  title: "source_dest_check is disabled without a reason",
  explanation: "Disabling the source/destination check lets the ENI forward traffic for other addresses (routers, NAT, VPN). Say why with sourceDestCheckReason.",
  source: "alicloud_ecs_network_interface source_dest_check",
  suppressible: true,
};

const ADMIN_PORTS: readonly { port: number; name: string }[] = [
  { port: 22, name: "SSH" },
  { port: 23, name: "Telnet" },
  { port: 3389, name: "RDP" },
  { port: 5900, name: "VNC" },
  { port: 5985, name: "WinRM" },
  { port: 5986, name: "WinRM over HTTPS" },
];

/** True when a rule's peer CIDR admits every address: 0.0.0.0/0 or ::/0, or any x/0 (peers may have host bits set). */
function isAnyAddress(cidr: SecurityGroupRuleFact["cidr"]): boolean {
  return typeof cidr === "string" && cidr.endsWith("/0");
}

function openAdminPorts(g: SecurityGroupFact): string[] {
  const hits: string[] = [];
  for (const r of g.rules) {
    const any = isAnyAddress(r.cidr) ? r.cidr : isAnyAddress(r.ipv6Cidr) ? r.ipv6Cidr : undefined;
    if (r.direction !== "ingress" || r.policy !== "accept" || any === undefined) continue;
    for (const a of ADMIN_PORTS) {
      const hit = r.protocol === "all" || (r.protocol === "tcp" && a.port >= r.fromPort && a.port <= r.toPort);
      if (hit) hits.push(`${a.name} ${a.port} (${r.path}${any === "0.0.0.0/0" ? "" : `, from ${any}`})`);
    }
  }
  return hits;
}

function checkEni(eni: EniFact, report: (rule: RuleDefinition, msg: string, fix: string) => void): void {
  if (eni.management) {
    for (const g of eni.securityGroups) {
      const hits = openAdminPorts(g);
      if (hits.length > 0) {
        report(MGMT_OPEN_ADMIN, `management ENI's security group ${g.path} admits 0.0.0.0/0 on ${hits.join(", ")}.`, "Restrict the source to your admin network or bastion (e.g. Peer.ipv4(\"10.0.0.0/8\")), or suppress with the reason.");
      }
    }
  }
  if (eni.securityGroups.length > 0 && eni.securityGroups.every((g) => g.rulesKnown && g.rules.length === 0)) {
    report(NO_RULES, `none of the ENI's security groups (${eni.securityGroups.map((g) => g.path).join(", ")}) has any rule; it will receive no traffic from outside the group.`, "Add ingress rules for the traffic this ENI serves (SecurityGroup ingress / addIngressRule).");
  }
  if (eni.sourceDestCheck === false && (eni.sourceDestCheckReason ?? "").trim() === "") {
    report(SRC_DEST, "source_dest_check is disabled and no sourceDestCheckReason is given.", "Set sourceDestCheckReason (e.g. \"NAT instance forwarding for 10.0.2.0/24\"), or leave the check enabled.");
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
        ctx.report(CREDENTIALS, p.path, `provider credentials written as literals: ${p.literalCredentials.join(", ")} (values not shown).`, "Remove them and use the ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY environment variables, a profile, or an ECS RAM role.");
      }
    }
  },
};
