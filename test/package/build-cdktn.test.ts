// scripts/build-cdktn.js: the cdktn package's package.json is the root one with cdktn's name, peers and CLI name.
import * as fs from "fs";
import * as path from "path";
const { cdktnPackageJson } = require("../../scripts/build-cdktn");

const ROOT_PKG = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8"));

describe("cdktnPackageJson", () => {
  test("renames the package, swaps the peers, drops scripts and devDependencies, keeps the rest", () => {
    const out = cdktnPackageJson(ROOT_PKG);
    expect(out.name).toBe("cdktn-alicloud-eni");
    expect(out.peerDependencies).toEqual({ cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" });
    expect(out.description).toContain("CDK Terrain (cdktn)");
    expect(out.keywords).toContain("cdktn");
    expect(out.keywords).not.toContain("cdktf");
    expect(out.scripts).toBeUndefined();
    expect(out.devDependencies).toBeUndefined();
    for (const key of ["version", "license", "main", "types", "exports", "typesVersions", "files", "engines", "dependencies"]) expect([key, out[key]]).toEqual([key, ROOT_PKG[key]]);
  });

  test("names the CLI after the package, whether bin is an object or a string", () => {
    expect(cdktnPackageJson({ ...ROOT_PKG, bin: { "cdktf-alicloud-eni": "lib/cli/main.js" } }).bin).toEqual({ "cdktn-alicloud-eni": "lib/cli/main.js" });
    expect(cdktnPackageJson({ ...ROOT_PKG, bin: "lib/cli/main.js" }).bin).toEqual({ "cdktn-alicloud-eni": "lib/cli/main.js" });
    expect(cdktnPackageJson({ ...ROOT_PKG, bin: { other: "lib/x.js" } }).bin).toEqual({ other: "lib/x.js" });
    expect(cdktnPackageJson({ ...ROOT_PKG, bin: undefined }).bin).toBeUndefined();
  });

  test("refuses a root package.json whose cdktf peers are out of step with scripts/core.js", () => {
    expect(() => cdktnPackageJson({ ...ROOT_PKG, peerDependencies: { cdktf: "^0.20.0", constructs: "^10.4.2" } })).toThrow(/keep them in step/);
  });
});
