/**
 * The proof that eni-plan.md renders: every example's diagram (and the hard cases: every special
 * character, an unknown active candidate, a summarised big stack) is loaded with the `mermaid`
 * package in headless Chromium by scripts/render-plan-diagrams.ts. Needs Debian's chromium
 * (`apt-get install -y chromium`, or CHROMIUM_PATH); without it the tests are skipped, and say so
 * in their names and on the console. With ENI_REQUIRE_CHROMIUM=1 (set by .ci/run when it installed
 * chromium) a missing Chromium fails instead.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build as failover } from "../../examples/failover";
import { build as haCluster } from "../../examples/ha-cluster";
import { build as multiIp } from "../../examples/multi-ip";
import { build as multiPublicIp } from "../../examples/multi-public-ip";
import { build as segmented } from "../../examples/segmented";
import { PLAN_MARKDOWN_FILE, renderPlanMarkdown, StackPlanReport } from "../../src/planner";
import { findChromium, mermaidBlocks, planMarkdownFiles, renderPlanDiagrams } from "../../scripts/render-plan-diagrams";
import { big, NASTY, nastyReport, report, instance, eni } from "../planner/report-fixtures";
import { testApp } from "../support/synth";

const CHROMIUM = findChromium();
const REQUIRED = process.env.ENI_REQUIRE_CHROMIUM === "1";
const SKIP_REASON = "SKIPPED: no Chromium found ($CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser); install it with `apt-get install -y chromium` to run the Mermaid rendering proof";
const withChromium = CHROMIUM ? test : test.skip;
if (!CHROMIUM) process.stderr.write(`test/scripts/render-plan-diagrams.test.ts: ${SKIP_REASON}\n`);

describe("eni-plan.md renders in Mermaid (headless Chromium)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "render-plan-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  if (REQUIRED && !CHROMIUM) {
    test("Chromium is present (ENI_REQUIRE_CHROMIUM=1)", () => {
      throw new Error(`ENI_REQUIRE_CHROMIUM=1 but ${SKIP_REASON.replace("SKIPPED: ", "")}`);
    });
  }

  /** Writes `report`'s Markdown to <dir>/<name>/eni-plan.md. */
  const writeReport = (name: string, r: StackPlanReport, options = {}) => {
    fs.mkdirSync(path.join(dir, "cases", name), { recursive: true });
    const file = path.join(dir, "cases", name, PLAN_MARKDOWN_FILE);
    fs.writeFileSync(file, renderPlanMarkdown(r, options));
    return file;
  };

  withChromium(
    `every example's diagram and the hard cases render, with their labels shown as written${CHROMIUM ? "" : ` (${SKIP_REASON})`}`,
    async () => {
      const app = testApp();
      for (const build of [multiIp, multiPublicIp, failover, haCluster, segmented]) build(app);
      app.synth();
      const examples = planMarkdownFiles([path.join(app.outdir, "stacks")]);
      expect(examples.map((f) => path.basename(path.dirname(f)))).toEqual(["failover", "ha-cluster", "multi-ip-batch", "multi-ip-web", "multi-public-ip", "segmented"]);
      const nasty = writeReport("nasty", nastyReport());
      const base = report({ instances: [instance("app/a", "10.0.1.4"), instance("app/b", "10.0.1.5")], enis: [eni("app/fo", "10.0.1.1", { instances: ["app/a", "app/b"], switchable: true })] });
      const cases = [nasty, writeReport("unknown-active", base), writeReport("summary", big(10_000, 50)), writeReport("empty", report({ vswitches: [] }))];

      const out = path.join(dir, "png");
      const { rendered, failures } = await renderPlanDiagrams([...examples, ...cases], { chromium: CHROMIUM!, outDir: out });
      expect(failures).toEqual([]);
      expect(rendered.map((r) => path.basename(path.dirname(r.file)))).toEqual([...examples, ...cases].map((f) => path.basename(path.dirname(f))));
      for (const r of rendered) {
        const png = fs.readFileSync(r.png!);
        expect(png.subarray(1, 4).toString()).toBe("PNG");
        expect(png.length).toBeGreaterThan(5_000);
      }
      const text = (file: string) => rendered.find((r) => r.file === file)!.text.replace(/\s+/g, " ");
      const fo = text(examples[0]);
      expect(fo).toContain("active: default of var.active_gateway");
      expect(fo).toContain("standby");
      expect(fo).toContain("10.20.1.0/24 · cn-hangzhou-h");
      // Every special character shows as written (line breaks and tabs as spaces).
      expect(text(nasty)).toContain(NASTY.replace(/\s+/g, " "));
      expect(text(cases[1])).toContain("active instance unknown");
      expect(text(cases[2])).toContain("Summary: one node per vSwitch.");
    },
    180_000,
  );

  withChromium(
    `a broken diagram, and one beyond Mermaid's size limit, fail with Mermaid's error${CHROMIUM ? "" : ` (${SKIP_REASON})`}`,
    async () => {
      const broken = path.join(dir, "broken", PLAN_MARKDOWN_FILE);
      fs.mkdirSync(path.dirname(broken), { recursive: true });
      fs.writeFileSync(broken, '# x\n\n```mermaid\nflowchart LR\n  a["unclosed] --> b\n```\n');
      // Mermaid refuses more than 500 edges or 50,000 characters (the reasons for the summary diagram); drawn one
      // by one without the limits, 400 ENIs exceed the characters.
      const unbounded = { maxDiagramNodes: 1e9, maxDiagramChars: 1e9, maxDiagramEdges: 1e9 };
      const edges = path.join(dir, "edges", PLAN_MARKDOWN_FILE);
      fs.mkdirSync(path.dirname(edges), { recursive: true });
      fs.writeFileSync(edges, `\`\`\`mermaid\nflowchart LR\n${Array.from({ length: 501 }, (_, k) => `  n${k} --- n${k + 1}`).join("\n")}\n\`\`\`\n`);
      const secondaries = Array.from({ length: 6 }, (_, k) => ({ role: `secondary-${k + 1}`, address: `10.0.1.${k + 10}` }));
      const long = writeReport("long", report({ enis: Array.from({ length: 400 }, (_, k) => eni(`app/some/long/construct/path/eni-${k}`, "10.0.1.9", { secondaryIps: secondaries })) }), unbounded);
      expect(mermaidBlocks(fs.readFileSync(long, "utf8"))[0].length).toBeGreaterThan(50_000);
      const { rendered, failures } = await renderPlanDiagrams([broken, edges, long], { chromium: CHROMIUM! });
      expect(rendered).toEqual([]);
      expect(failures).toEqual([
        { file: broken, index: 1, error: expect.stringMatching(/^Parse error on line \d+:/) },
        { file: edges, index: 1, error: expect.stringMatching(/^Edge limit exceeded/) },
        { file: long, index: 1, error: expect.stringMatching(/Maximum text size/) },
      ]);
    },
    120_000,
  );
});

describe("mermaidBlocks", () => {
  test("finds every ```mermaid block in order and rejects an unclosed one", () => {
    expect(mermaidBlocks("a\n```mermaid\nflowchart LR\n  x\n```\nb\n```ts\nno\n```\n```mermaid\ngraph TB\n```\n")).toEqual(["flowchart LR\n  x", "graph TB"]);
    expect(mermaidBlocks("no diagrams")).toEqual([]);
    expect(() => mermaidBlocks("```mermaid\nflowchart LR\n")).toThrow(/opened on line 1 is never closed/);
  });
});
