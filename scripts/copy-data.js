// Copies the JSON data files under src/ (the instance-type catalog) into lib/ after tsc.
//   node scripts/copy-data.js [SRC_DIR LIB_DIR]   (default src/ -> lib/; build-cdktn.js passes its own)
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
function copyData(srcDir, libDir) {
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".json")) {
        const target = path.join(libDir, path.relative(srcDir, full));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(full, target);
      }
    }
  };
  walk(srcDir);
}
module.exports = { copyData };
if (require.main === module) copyData(path.resolve(process.argv[2] ?? path.join(root, "src")), path.resolve(process.argv[3] ?? path.join(root, "lib")));
