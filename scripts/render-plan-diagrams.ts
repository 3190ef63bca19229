/**
 * Proves that the diagrams of eni-plan.md files render: loads every ```mermaid block with the
 * `mermaid` package in headless Chromium (Debian's `chromium`, driven by `playwright-core`), fails on
 * any parse or render error, and writes one PNG screenshot per diagram.
 *
 *   npm run render-diagrams -- [--out DIR] [--chromium PATH] [FILE_OR_DIR ...]
 *
 * Inputs default to cdktf.out/stacks (every eni-plan.md under it); screenshots go to
 * cdktf.out/diagrams/<stack>-<n>.png. Chromium is found at $CHROMIUM_PATH, /usr/bin/chromium or
 * /usr/bin/chromium-browser (`apt-get install -y chromium`). Mermaid runs with its defaults (the
 * 50,000-character and 500-edge limits GitHub keeps) and securityLevel "strict", as on GitHub.
 * Exit status: 0 when every diagram rendered, 1 when one failed, 2 on a usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { chromium } from "playwright-core";

/** The Mermaid sources of a Markdown text: the contents of its ```mermaid fenced blocks, in order. */
export function mermaidBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "```mermaid") continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && lines[j].trim() !== "```") body.push(lines[j++]);
    if (j === lines.length) throw new Error(`a \`\`\`mermaid block opened on line ${i + 1} is never closed`);
    blocks.push(body.join("\n"));
    i = j;
  }
  return blocks;
}

/** The Chromium executable to use: $CHROMIUM_PATH, else the Debian package's, else undefined. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p) => fs.existsSync(p));
}

/** Every eni-plan.md named, or found under a named folder, sorted. */
export function planMarkdownFiles(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    else if (path.basename(p) === "eni-plan.md" || inputs.includes(p)) out.push(p);
  };
  for (const i of inputs) walk(i);
  return [...new Set(out)].sort();
}

/** One diagram that rendered. */
export interface RenderedDiagram {
  /** The Markdown file. */
  readonly file: string;
  /** 1-based position of the block in the file. */
  readonly index: number;
  /** Size of the SVG Mermaid produced. */
  readonly svgChars: number;
  /** The text the diagram shows (its SVG's text content), to check labels. */
  readonly text: string;
  /** Where its screenshot was written, when asked for. */
  readonly png?: string;
}

/** One diagram that did not render, with Mermaid's error. */
export interface DiagramFailure {
  /** The Markdown file. */
  readonly file: string;
  /** 1-based position of the block in the file (0: the file itself failed, e.g. an unclosed block). */
  readonly index: number;
  /** What went wrong. */
  readonly error: string;
}

/** Options of {@link renderPlanDiagrams}. */
export interface RenderOptions {
  /** Chromium executable. */
  readonly chromium: string;
  /** Folder for PNG screenshots (`<folder of the file>-<n>.png`). @default - no screenshots */
  readonly outDir?: string;
}

/** Renders every Mermaid block of `files` in one headless Chromium; never throws on a diagram's error, returns it. */
export async function renderPlanDiagrams(files: readonly string[], options: RenderOptions): Promise<{ rendered: RenderedDiagram[]; failures: DiagramFailure[] }> {
  const rendered: RenderedDiagram[] = [];
  const failures: DiagramFailure[] = [];
  const mermaidJs = require.resolve("mermaid/dist/mermaid.min.js");
  if (options.outDir) fs.mkdirSync(options.outDir, { recursive: true });
  const browser = await chromium.launch({ executablePath: options.chromium, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 2 });
    await page.setContent(
      '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#fff"><div id="diagram" style="display:inline-block;padding:16px"></div></body></html>',
    );
    await page.addScriptTag({ path: mermaidJs });
    // A first diagram to load the fonts: Mermaid sizes nodes by measuring text, and the first measurement in a fresh page can run before the fallback font is in.
    await page.evaluate(async () => {
      const g = globalThis as any;
      g.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
      const { svg } = await g.mermaid.render("warmup", 'flowchart LR\n  a["primary 10.0.0.1"] --- b("warm-up")');
      g.document.getElementById("diagram").innerHTML = svg;
      await g.document.fonts.ready;
    });
    for (const file of files) {
      let blocks: string[];
      try {
        blocks = mermaidBlocks(fs.readFileSync(file, "utf8"));
      } catch (e) {
        failures.push({ file, index: 0, error: (e as Error).message });
        continue;
      }
      if (blocks.length === 0) failures.push({ file, index: 0, error: "no ```mermaid block" });
      for (const [i, source] of blocks.entries()) {
        const result = await page.evaluate(
          async ({ source, id }) => {
            const g = globalThis as any;
            const container = g.document.getElementById("diagram");
            container.innerHTML = "";
            try {
              // Over its maxTextSize, Mermaid draws a diagram saying so instead of failing: check it here.
              const max = g.mermaid.mermaidAPI?.getConfig?.()?.maxTextSize ?? 50_000;
              if (source.length > max) return { ok: false as const, error: `Maximum text size in diagram exceeded: ${source.length} characters, Mermaid's limit is ${max}` };
              await g.mermaid.parse(source);
              const { svg } = await g.mermaid.render(id, source);
              if (/aria-roledescription="error"/.test(svg)) return { ok: false as const, error: "Mermaid drew its error diagram" };
              container.innerHTML = svg;
              // Mermaid's SVG is width="100%" with a max-width: show it at that natural width, not shrunk to the container.
              const el = container.querySelector("svg");
              if (el?.style.maxWidth) el.style.width = el.style.maxWidth;
              // The text the reader sees: every text node but the SVG's own stylesheet.
              const parts: string[] = [];
              const walker = g.document.createTreeWalker(container, 4 /* NodeFilter.SHOW_TEXT */);
              while (walker.nextNode()) if (walker.currentNode.parentElement?.tagName.toLowerCase() !== "style") parts.push(walker.currentNode.textContent);
              const text = parts.join(" ");
              if (text.includes("Maximum text size in diagram exceeded")) return { ok: false as const, error: "Maximum text size in diagram exceeded" };
              return { ok: true as const, svgChars: svg.length as number, text };
            } catch (e) {
              return { ok: false as const, error: String((e as Error)?.message ?? e) };
            }
          },
          { source, id: `diagram${rendered.length + failures.length}` },
        );
        if (!result.ok) {
          failures.push({ file, index: i + 1, error: result.error });
          continue;
        }
        let png: string | undefined;
        if (options.outDir) {
          png = path.join(options.outDir, `${path.basename(path.dirname(path.resolve(file)))}-${i + 1}.png`);
          await page.locator("#diagram").screenshot({ path: png });
        }
        rendered.push({ file, index: i + 1, svgChars: result.svgChars, text: result.text, ...(png ? { png } : {}) });
      }
    }
  } finally {
    await browser.close();
  }
  return { rendered, failures };
}

async function main(argv: readonly string[]): Promise<number> {
  const inputs: string[] = [];
  let outDir: string | undefined = path.join("cdktf.out", "diagrams");
  let chromiumPath = findChromium();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") outDir = argv[++i];
    else if (a === "--no-screenshots") outDir = undefined;
    else if (a === "--chromium") chromiumPath = argv[++i];
    else if (a.startsWith("--")) {
      process.stderr.write(`unknown option ${a}; usage: render-plan-diagrams [--out DIR | --no-screenshots] [--chromium PATH] [FILE_OR_DIR ...]\n`);
      return 2;
    } else inputs.push(a);
  }
  if (!chromiumPath) {
    process.stderr.write("Chromium not found: install it (apt-get install -y chromium) or pass --chromium PATH / set CHROMIUM_PATH.\n");
    return 2;
  }
  const files = planMarkdownFiles(inputs.length > 0 ? inputs : [path.join("cdktf.out", "stacks")]);
  if (files.length === 0) {
    process.stderr.write(`no eni-plan.md found in ${inputs.join(", ") || "cdktf.out/stacks"}; run npm run examples (or cdktf synth) first.\n`);
    return 2;
  }
  const { rendered, failures } = await renderPlanDiagrams(files, { chromium: chromiumPath, outDir });
  for (const r of rendered) process.stdout.write(`ok   ${r.file} diagram ${r.index} (${r.svgChars} SVG chars)${r.png ? ` -> ${r.png}` : ""}\n`);
  for (const f of failures) process.stdout.write(`FAIL ${f.file}${f.index ? ` diagram ${f.index}` : ""}: ${f.error}\n`);
  process.stdout.write(`${rendered.length} diagram(s) rendered, ${failures.length} failed.\n`);
  return failures.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
