import { compareStrings } from "../compare";
import { tryParseIpv4 } from "../net/ipv4";
import { markdownText } from "./markdown-text";
import { MermaidIds, mermaidLabel } from "./mermaid-text";
import type { LockChange } from "./allocation";
import type { AddressReport, EipReport, StackPlanReport } from "./report";

/** Limits of {@link renderPlanMarkdown}: they keep the file small for big apps and within GitHub's Mermaid limits. */
export interface PlanMarkdownOptions {
  /** Most nodes (vSwitches, instances, ENIs, EIPs, HaVips) drawn one by one; a bigger stack gets a diagram of one node per vSwitch. @default 150 */
  readonly maxDiagramNodes?: number;
  /** Most characters of a detailed diagram (Mermaid refuses more than 50,000 by default, as GitHub does). @default 40000 */
  readonly maxDiagramChars?: number;
  /** Most edges of a detailed diagram (Mermaid refuses more than 500 by default). @default 400 */
  readonly maxDiagramEdges?: number;
  /** Most rows per table; the rest are counted in a line below it. @default 200 */
  readonly maxTableRows?: number;
  /** File name of the JSON report that holds everything, named where the Markdown cuts. @default "eni-plan.json" */
  readonly jsonFileName?: string;
}

/** The defaults of {@link PlanMarkdownOptions}. */
export const PLAN_MARKDOWN_DEFAULTS: Required<PlanMarkdownOptions> = { maxDiagramNodes: 150, maxDiagramChars: 40_000, maxDiagramEdges: 400, maxTableRows: 200, jsonFileName: "eni-plan.json" };

/** Most addresses listed in one diagram node; the rest are counted. */
const ADDRESSES_PER_NODE = 6;

/**
 * Renders one stack's plan report (what `eni-plan.json` holds) as Markdown for a pull request: a
 * Mermaid diagram (vSwitches with CIDR and utilisation, instances, ENIs with their addresses, EIPs,
 * HaVips, failover candidates with the active one marked), the failover table, the address table,
 * this synth's lock changes and the findings. Pure and deterministic: the same report gives the
 * same bytes. Every label is escaped for Mermaid and Markdown; node ids never come from paths.
 */
export function renderPlanMarkdown(report: StackPlanReport, options: PlanMarkdownOptions = {}): string {
  const o = { ...PLAN_MARKDOWN_DEFAULTS, ...options };
  const rel = relativeTo(report.stack);
  const s = report.summary;
  const out: string[] = [];
  out.push(`# ENI plan: stack ${markdownText(report.stack)}`, "");
  out.push(`<!-- Written by cdktf-alicloud-eni on every synth from ${o.jsonFileName} (same folder); do not edit. -->`, "");
  out.push(
    markdownText(
      `${report.region ? `Region ${report.region}: ` : ""}${count(s.instances, "instance")}, ${count(s.enis, "secondary ENI")}, ${count(s.addresses, "private IP")}, ` +
        `${count(report.vswitches.length, "vSwitch")}; ${count(s.errors, "error")}, ${count(s.warnings, "warning")}, ${s.suppressed} suppressed.`,
    ),
    "",
  );

  out.push("## Diagram", "");
  const diagram = renderDiagram(report, o, rel);
  out.push("```mermaid", ...diagram.lines, "```", "");
  out.push(markdownText(diagram.note), "");

  const failover = report.enis.filter((e) => e.switchable);
  if (failover.length > 0) {
    out.push("## Failover", "");
    cutTable(
      out,
      ["ENI", "candidates", "active", "chosen by"],
      failover,
      (e) => [
        rel(e.path),
        e.instances.map((i) => (i === e.activeInstance ? `${rel(i)} (active)` : rel(i))).join(", "),
        e.activeInstance === null ? "unknown" : rel(e.activeInstance),
        e.activeChosenBy ?? "not described",
      ],
      o,
      "failover ENIs",
    );
  }

  out.push("## Addresses", "");
  const addresses = addressRows(report, o.maxTableRows);
  const eipsOn = (r: AddressRow) => (r.eips ?? []).filter((e) => e.privateIp !== null && e.privateIp === r.address).map((e) => rel(e.path));
  table(
    out,
    ["address", "vSwitch", "owner", "role", "EIP"],
    addresses.rows.map((r) => [r.address ?? "picked by the cloud", rel(r.vswitch), `${r.kind} ${rel(r.owner)}`, r.role, eipsOn(r).join(", ")]),
    addresses.total,
    o,
    "addresses",
  );

  out.push("## Lock changes of this synth", "");
  lockSection(out, report.lockChanges, o);

  out.push("## Findings", "");
  cutTable(
    out,
    ["severity", "rule", "construct", "message"],
    report.findings,
    (f) => [f.suppressed ? `${f.severity}, suppressed: ${f.suppressed.reason}` : f.severity, f.ruleId, rel(f.path), f.message],
    o,
    "findings",
  );
  return `${out.join("\n").replace(/\n+$/, "")}\n`;
}

/** Paths shown relative to the stack (the heading names it). */
function relativeTo(stack: string): (path: string) => string {
  const prefix = `${stack}/`;
  return (path) => (path.startsWith(prefix) && path.length > prefix.length ? path.slice(prefix.length) : path);
}

/** `n thing(s)` with thousands separators. */
function count(n: number, thing: string): string {
  return `${formatNumber(n)} ${thing}${n === 1 ? "" : "s"}`;
}

/** An integer with `,` between thousands (the same on every machine, unlike toLocaleString). */
function formatNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** `used of usable used (p%), free free`, or why it is unknown. */
function utilisation(v: { readonly usable: number | null; readonly used: number | null; readonly free: number | null }): string {
  if (v.usable === null || v.used === null) return "utilisation unknown (CIDR unknown at synth)";
  const pct = v.usable > 0 ? Math.round((100 * v.used) / v.usable) : 100;
  return `${formatNumber(v.used)} of ${formatNumber(v.usable)} used (${pct}%), ${formatNumber(v.free ?? v.usable - v.used)} free`;
}

/** A Markdown table of the first rows (callers pass at most maxTableRows), with a line counting the rest of `total`. */
function table(out: string[], header: readonly string[], rows: readonly (readonly string[])[], total: number, o: Required<PlanMarkdownOptions>, what: string): void {
  if (total === 0) {
    out.push(`No ${what}.`, "");
    return;
  }
  const line = (cells: readonly string[]) => `| ${cells.map((c) => markdownText(c)).join(" | ")} |`;
  out.push(line(header), `|${header.map(() => "---").join("|")}|`);
  for (const r of rows) out.push(line(r));
  if (total > rows.length) out.push("", markdownText(`... and ${formatNumber(total - rows.length)} more ${what} (${formatNumber(total)} in all): see ${o.jsonFileName}.`));
  out.push("");
}

/** A table of the first maxTableRows of `items`, each made a row only when shown (big stacks have tens of thousands). */
function cutTable<T>(out: string[], header: readonly string[], items: readonly T[], row: (item: T) => readonly string[], o: Required<PlanMarkdownOptions>, what: string): void {
  table(out, header, items.slice(0, o.maxTableRows).map(row), items.length, o, what);
}

interface AddressRow {
  /** The address as a number for sorting (after every address when the cloud picks it). */
  readonly n: number;
  readonly address: string | null;
  readonly kind: string;
  readonly owner: string;
  readonly role: string;
  readonly eips?: readonly EipReport[];
}

/**
 * The first `limit` addresses of the stack by vSwitch path, then address (numerically; picked by the
 * cloud last), then owner and role; and how many there are. Rows are made and sorted only for the
 * vSwitches shown, so a 50,000-address stack costs little more than counting.
 */
function addressRows(report: StackPlanReport, limit: number): { rows: (AddressRow & { readonly vswitch: string })[]; total: number } {
  type Owner = { path: string; vswitch: string; primaryIp: string | null; secondaryIps: readonly AddressReport[]; eips: readonly EipReport[] };
  const groups: [string, readonly Owner[]][] = [
    ["instance", report.instances],
    ["ENI", report.enis],
  ];
  const hasPrimary = (kind: string, o: Owner) => o.primaryIp !== null || kind === "ENI";
  const counts = new Map<string, number>();
  const add = (vswitch: string, n: number) => counts.set(vswitch, (counts.get(vswitch) ?? 0) + n);
  for (const [kind, owners] of groups) for (const o of owners) add(o.vswitch, (hasPrimary(kind, o) ? 1 : 0) + o.secondaryIps.length);
  for (const h of report.havips) add(h.vswitch, 1);
  let total = 0;
  for (const n of counts.values()) total += n;
  const shown = new Set<string>();
  let room = limit;
  for (const v of [...counts.keys()].sort(compareStrings)) {
    if (room <= 0) break;
    shown.add(v);
    room -= counts.get(v)!;
  }
  const numberOf = (address: string | null) => (address === null ? Number.POSITIVE_INFINITY : (tryParseIpv4(address) ?? Number.POSITIVE_INFINITY));
  const rows: (AddressRow & { readonly vswitch: string })[] = [];
  for (const [kind, owners] of groups)
    for (const o of owners) {
      if (!shown.has(o.vswitch)) continue;
      const eips = o.eips.length > 0 ? o.eips : undefined;
      if (hasPrimary(kind, o)) rows.push({ vswitch: o.vswitch, n: numberOf(o.primaryIp), address: o.primaryIp, kind, owner: o.path, role: "primary", eips });
      for (const a of o.secondaryIps) rows.push({ vswitch: o.vswitch, n: numberOf(a.address), address: a.address, kind, owner: o.path, role: a.role, eips });
    }
  for (const h of report.havips) if (shown.has(h.vswitch)) rows.push({ vswitch: h.vswitch, n: numberOf(h.ip), address: h.ip, kind: "HaVip", owner: h.path, role: "virtual IP" });
  const byNumber = (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((x, y) => compareStrings(x.vswitch, y.vswitch) || byNumber(x.n, y.n) || compareStrings(x.owner, y.owner) || compareStrings(x.role, y.role));
  return { rows: rows.slice(0, limit), total };
}

/** The lock-change table (added, moved, dropped, unheld, each with its reason), or that there is none. */
function lockSection(out: string[], changes: readonly LockChange[], o: Required<PlanMarkdownOptions>): void {
  if (changes.length === 0) {
    out.push("None: no lock-file entry of this stack changed.", "");
    return;
  }
  const n = (k: LockChange["kind"]) => changes.filter((x) => x.kind === k).length;
  const unheld = n("unheld") > 0 ? `, ${n("unheld")} unheld` : "";
  out.push(markdownText(`${n("added")} added, ${n("moved")} moved, ${n("dropped")} dropped${unheld}. A moved or dropped primary address replaces its ENI on the next apply.`), "");
  cutTable(out, ["change", "lock key", "before", "after", "reason"], changes, (c) => [c.kind, c.key, c.before ?? "-", c.after ?? "-", c.reason], o, "lock changes");
}

interface Diagram {
  readonly lines: string[];
  /** One sentence under the diagram: the legend, or why it is a summary. */
  readonly note: string;
}

const LEGEND = "Solid line: attached. Thick arrow: the active failover candidate, labelled with what chooses it. Dotted: other failover candidates, EIPs (NAT mode) and HaVip members.";

function renderDiagram(report: StackPlanReport, o: Required<PlanMarkdownOptions>, rel: (path: string) => string): Diagram {
  let eips = 0;
  for (const x of report.instances) eips += x.eips.length;
  for (const x of report.enis) eips += x.eips.length;
  const nodes = report.vswitches.length + report.instances.length + report.enis.length + report.havips.length + eips;
  if (nodes > o.maxDiagramNodes) {
    return summaryDiagram(report, o, rel, `The stack has ${formatNumber(nodes)} vSwitches, instances, ENIs, EIPs and HaVips, more than the ${formatNumber(o.maxDiagramNodes)} drawn one by one`);
  }
  const detailed = detailedDiagram(report, rel);
  if (detailed.text > o.maxDiagramChars)
    return summaryDiagram(report, o, rel, `The detailed diagram would have ${formatNumber(detailed.text)} characters, more than ${formatNumber(o.maxDiagramChars)}`);
  if (detailed.edges > o.maxDiagramEdges) return summaryDiagram(report, o, rel, `The detailed diagram would have ${formatNumber(detailed.edges)} edges, more than ${formatNumber(o.maxDiagramEdges)}`);
  return { lines: detailed.lines, note: LEGEND };
}

function eipsOf(report: StackPlanReport): { eip: EipReport; owner: string }[] {
  return [...report.instances, ...report.enis].flatMap((x) => x.eips.map((eip) => ({ eip, owner: x.path })));
}

/**
 * The addresses of one node: `primary a`, then `secondary b, c` for numbered secondaries and
 * `<role> d` for named ones (e.g. `app:billing 10.0.1.7`), at most ADDRESSES_PER_NODE, the rest counted.
 */
function addressLines(primary: string | null | undefined, secondaries: readonly AddressReport[]): string[] {
  const show = (a: string | null) => a ?? "picked by the cloud";
  const lines: string[] = [];
  if (primary !== undefined) lines.push(`primary ${primary === null ? "not known at synth" : primary}`);
  const shown = secondaries.slice(0, ADDRESSES_PER_NODE);
  const numbered = shown.filter((a) => /^secondary-\d+$/.test(a.role));
  if (numbered.length > 0) lines.push(`secondary ${numbered.map((a) => show(a.address)).join(", ")}`);
  for (const a of shown) if (!numbered.includes(a)) lines.push(`${a.role} ${show(a.address)}`);
  if (secondaries.length > shown.length) lines.push(`+${secondaries.length - shown.length} more secondary`);
  return lines;
}

function detailedDiagram(report: StackPlanReport, rel: (path: string) => string): { lines: string[]; text: number; edges: number } {
  const ids = new MermaidIds();
  const inSubgraph = new Map<string, string[]>(); // vSwitch path -> node lines
  const vswitchOrder: string[] = [];
  const place = (vswitch: string, line: string) => {
    let list = inSubgraph.get(vswitch);
    if (!list) {
      list = [];
      inSubgraph.set(vswitch, list);
      vswitchOrder.push(vswitch);
    }
    list.push(line);
  };
  for (const v of report.vswitches) {
    inSubgraph.set(v.path, []);
    vswitchOrder.push(v.path);
    ids.idOf("vsw", v.path);
  }
  for (const i of report.instances) {
    const label = [rel(i.path), `instance ${i.instanceType ?? "(type unknown at synth)"}`, ...(i.imported ? ["imported"] : []), ...addressLines(i.primaryIp, i.secondaryIps)];
    place(i.vswitch, `${ids.idOf("inst", i.path)}[${mermaidLabel(label)}]`);
  }
  for (const e of report.enis) {
    const label = [rel(e.path), e.management ? "management ENI" : "ENI", ...addressLines(e.primaryIp, e.secondaryIps)];
    if (e.switchable && e.activeInstance === null) label.push("active instance unknown");
    if (e.instances.length === 0) label.push("not attached");
    place(e.vswitch, `${ids.idOf("eni", e.path)}(${mermaidLabel(label)})`);
  }
  for (const h of report.havips) place(h.vswitch, `${ids.idOf("vip", h.path)}{{${mermaidLabel([rel(h.path), `HaVip ${h.ip ?? "address picked by the cloud"}`])}}}`);

  // Targets that are not nodes of this stack (another stack's instances or ENIs) get a node of their own.
  const outside: string[] = [];
  const target = (path: string, kinds: readonly string[]) => {
    for (const k of kinds) {
      const id = ids.find(k, path);
      if (id) return id;
    }
    const fresh = ids.find("ext", path) === undefined;
    const id = ids.idOf("ext", path);
    if (fresh) outside.push(`${id}[${mermaidLabel([`${rel(path)}`, "not in this stack"])}]`);
    return id;
  };

  const edges: string[] = [];
  for (const e of report.enis) {
    const eni = ids.idOf("eni", e.path);
    for (const c of e.instances) {
      const inst = target(c, ["inst"]);
      if (!e.switchable) edges.push(`${inst} --- ${eni}`);
      else if (c === e.activeInstance) edges.push(`${eni} == ${mermaidLabel([`active: ${e.activeChosenBy ?? "at synth"}`])} ==> ${inst}`);
      else edges.push(`${eni} -. ${mermaidLabel([e.activeInstance === null ? "candidate" : "standby"])} .-> ${inst}`);
    }
  }
  const eipLines: string[] = [];
  for (const { eip, owner } of eipsOf(report)) {
    const id = ids.idOf("eip", eip.path);
    eipLines.push(`${id}([${mermaidLabel([rel(eip.path), `EIP on ${eip.privateIp ?? "an address unknown at synth"}`])}])`);
    edges.push(`${id} -.-> ${target(owner, ["eni", "inst"])}`);
  }
  for (const h of report.havips) for (const m of h.attachedTo) edges.push(`${ids.idOf("vip", h.path)} -.- ${target(m, ["eni", "inst"])}`);

  const lines = ["flowchart LR"];
  const vsw = new Map(report.vswitches.map((v) => [v.path, v]));
  for (const path of vswitchOrder) {
    const v = vsw.get(path);
    const title = v ? [`vSwitch ${rel(v.path)}`, `${v.cidr ?? "CIDR unknown at synth"} · ${v.zone ?? "zone unknown at synth"}`, utilisation(v)] : [`vSwitch ${rel(path)}`, "not in this stack"];
    lines.push(`  subgraph ${ids.idOf("vsw", path)}[${mermaidLabel(title)}]`);
    const members = inSubgraph.get(path) ?? [];
    // Mermaid draws an empty subgraph as nothing at all: give it a visible placeholder.
    lines.push(...(members.length > 0 ? members : [`${ids.idOf("none", path)}[${mermaidLabel(["nothing planned here"])}]`]).map((l) => `    ${l}`));
    lines.push("  end");
  }
  lines.push(...outside.map((l) => `  ${l}`), ...eipLines.map((l) => `  ${l}`), ...edges.map((l) => `  ${l}`));
  if (lines.length === 1) lines.push(`  empty[${mermaidLabel(["no vSwitches, instances or ENIs in this stack"])}]`);
  return { lines, text: lines.reduce((n, l) => n + l.length + 1, 0), edges: edges.length };
}

/** One node per vSwitch (grouped by zone) with its utilisation and what it holds. */
function summaryDiagram(report: StackPlanReport, o: Required<PlanMarkdownOptions>, rel: (path: string) => string, why: string): Diagram {
  const ids = new MermaidIds();
  const tally = new Map<string, { instances: number; enis: number; failover: number; eips: number; havips: number }>();
  const of = (vswitch: string) => {
    let t = tally.get(vswitch);
    if (!t) {
      t = { instances: 0, enis: 0, failover: 0, eips: 0, havips: 0 };
      tally.set(vswitch, t);
    }
    return t;
  };
  for (const i of report.instances) {
    of(i.vswitch).instances++;
    of(i.vswitch).eips += i.eips.length;
  }
  for (const e of report.enis) {
    const t = of(e.vswitch);
    t.enis++;
    if (e.switchable) t.failover++;
    t.eips += e.eips.length;
  }
  for (const h of report.havips) of(h.vswitch).havips++;

  const vsw = new Map(report.vswitches.map((v) => [v.path, v]));
  const paths = [...report.vswitches.map((v) => v.path), ...[...tally.keys()].filter((p) => !vsw.has(p))];
  const room = Math.max(1, o.maxDiagramNodes - 2); // the note and the "more" node
  const shown = paths.length > room ? paths.slice(0, room) : paths;
  const byZone = new Map<string, string[]>();
  for (const p of shown) {
    const zone = vsw.get(p)?.zone ?? (vsw.has(p) ? "zone unknown at synth" : "not in this stack");
    const t = tally.get(p) ?? { instances: 0, enis: 0, failover: 0, eips: 0, havips: 0 };
    const v = vsw.get(p);
    const held = [
      count(t.instances, "instance"),
      count(t.enis, "ENI"),
      ...(t.failover ? [`${formatNumber(t.failover)} failover`] : []),
      count(t.eips, "EIP"),
      ...(t.havips ? [count(t.havips, "HaVip")] : []),
    ].join(" · ");
    const label = [`vSwitch ${rel(p)}`, ...(v ? [v.cidr ?? "CIDR unknown at synth", utilisation(v)] : []), held];
    const list = byZone.get(zone) ?? [];
    list.push(`${ids.idOf("vsw", p)}[${mermaidLabel(label)}]`);
    byZone.set(zone, list);
  }
  const lines = ["flowchart LR", `  summary[${mermaidLabel([`Summary: one node per vSwitch. ${why}.`, `${o.jsonFileName} lists every one.`])}]`];
  for (const [zone, list] of [...byZone].sort(([a], [b]) => compareStrings(a, b))) {
    lines.push(`  subgraph ${ids.idOf("zone", zone)}[${mermaidLabel([`zone ${zone}`])}]`, ...list.map((l) => `    ${l}`), "  end");
  }
  if (paths.length > shown.length) lines.push(`  more[${mermaidLabel([`+${formatNumber(paths.length - shown.length)} more vSwitches`])}]`);
  return { lines, note: `${why}: the diagram shows one node per vSwitch. Every resource is in the tables below (cut at ${formatNumber(o.maxTableRows)} rows) and in ${o.jsonFileName}.` };
}
