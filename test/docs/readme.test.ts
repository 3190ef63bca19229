import * as fs from "fs";
import * as path from "path";
import { rulesTable } from "../../scripts/rules-table";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("README", () => {
  test("starts with the two commands that work on a fresh machine", () => {
    const head = readme.split("\n").slice(0, 10).join("\n");
    expect(head).toContain("npm ci && npm run examples");
    expect(head).toContain("npm ci && npm test");
  });

  test("its rule table is the one generated from the rule registry", () => {
    expect(readme).toContain(rulesTable());
  });

  test("has no unfilled placeholder", () => {
    expect(readme).not.toMatch(/[A-Z]+_PLACEHOLDER/);
  });

  test("names only npm scripts that exist", () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).scripts);
    const used = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(3);
    for (const s of used) expect(scripts).toContain(s);
  });
});
