// Copies the JSON data files under src/ (the instance-type catalog) into lib/ after tsc.
const fs = require("fs");
const path = require("path");
const root = path.resolve(__dirname, "..");
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith(".json")) {
      const target = path.join(root, "lib", path.relative(path.join(root, "src"), full));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(full, target);
    }
  }
}
walk(path.join(root, "src"));
