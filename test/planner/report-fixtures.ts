import type { EniReport, InstanceReport, StackPlanReport, VSwitchReport } from "../../src/planner";

/** Hand-made plan reports (what eni-plan.json holds) for the Markdown renderer's tests. */

export const VSW: VSwitchReport = { path: "app/vsw", cidr: "10.0.1.0/24", zone: "cn-hangzhou-h", usable: 252, used: 5, free: 247, held: 0, usedIpsStated: true };

export function instance(path: string, ip: string, extra: Partial<InstanceReport> = {}): InstanceReport {
  return { path, imported: false, instanceType: "ecs.g7.large", vswitch: VSW.path, zone: VSW.zone, securityGroups: ["app/sg"], primaryIp: ip, secondaryIps: [], eips: [], ...extra };
}

export function eni(path: string, ip: string, extra: Partial<EniReport> = {}): EniReport {
  return {
    path,
    vswitch: VSW.path,
    vpc: "app/vpc",
    zone: VSW.zone,
    securityGroups: ["app/sg"],
    management: false,
    primaryIp: ip,
    secondaryIps: [],
    instances: [],
    switchable: false,
    activeInstance: null,
    activeChosenBy: null,
    eips: [],
    ...extra,
  };
}

export function report(extra: Partial<StackPlanReport> = {}): StackPlanReport {
  return {
    version: 1,
    stack: "app",
    region: "cn-hangzhou",
    summary: { enis: 0, instances: 0, addresses: 0, errors: 0, warnings: 0, suppressed: 0 },
    instances: [],
    enis: [],
    havips: [],
    vswitches: [VSW],
    findings: [],
    lockChanges: [],
    ...extra,
  };
}

/** A construct-path fragment with every character that Mermaid or Markdown could read as syntax. */
export const NASTY = 'a "quoted" [x] {y} (z) #1; <b>&amp;</b> `tick` |pipe| *star* _u_ ~s~ $m$ !x\nnext\tline %% end';

/** n instances, each with one ENI, over `vswitches` vSwitches in two zones. */
export function big(n: number, vswitches = 4): StackPlanReport {
  const vsw = Array.from({ length: vswitches }, (_, k) => ({
    ...VSW,
    path: `app/vsw${k}`,
    zone: k % 2 ? "cn-hangzhou-i" : "cn-hangzhou-h",
    cidr: `10.${k}.0.0/20`,
    usable: 4092,
    used: 2 * Math.ceil(n / vswitches),
    free: 4092 - 2 * Math.ceil(n / vswitches),
  }));
  const ip = (k: number) => `10.${k % vswitches}.${Math.floor(k / 250)}.${(k % 250) + 1}`;
  return report({
    vswitches: vsw,
    instances: Array.from({ length: n }, (_, k) => instance(`app/i${k}`, ip(2 * k), { vswitch: vsw[k % vswitches].path })),
    enis: Array.from({ length: n }, (_, k) =>
      eni(`app/e${k}`, ip(2 * k + 1), {
        vswitch: vsw[k % vswitches].path,
        instances: [`app/i${k}`],
        activeInstance: `app/i${k}`,
        switchable: k % 10 === 0,
        eips: k % 10 === 0 ? [{ path: `app/eip${k}`, privateIp: ip(2 * k + 1) }] : [],
      }),
    ),
  });
}

/** A stack whose every path (vSwitch, instance, ENI, the failover variable) contains {@link NASTY}. */
export function nastyReport(): StackPlanReport {
  const path = `app/${NASTY}`;
  const vswitch = `app/vsw ${NASTY}`;
  return report({
    vswitches: [{ ...VSW, path: vswitch }],
    instances: [instance(path, "10.0.1.4", { vswitch })],
    enis: [
      eni(`${path}/Eni`, "10.0.1.1", {
        vswitch,
        instances: [path],
        switchable: true,
        activeInstance: path,
        activeChosenBy: `default of var.${NASTY}`,
        eips: [{ path: `${path}/Eip`, privateIp: "10.0.1.1" }],
      }),
    ],
    havips: [{ path: `${path}/Vip`, vswitch, ip: "10.0.1.9", attachedTo: [`${path}/Eni`] }],
  });
}
