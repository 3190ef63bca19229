// Tests never print the planner's terminal summary and never read or write a lock file
// unless a test asks for one explicitly (EniPlanner.configure({ lockFile: ... })).
process.env.CDKTF_ENI_QUIET = "1";
process.env.CDKTF_ENI_LOCK_FILE = "none";

// CDK_CORE=cdktn: processes the tests start (ts-node on examples/, the CLI's app) load cdktn too (scripts/core.js).
const { currentCore } = require("../scripts/core");
if (currentCore().core === "cdktn") {
  const hook = `--require=${require.resolve("../scripts/core-register.js")}`;
  if (!(process.env.NODE_OPTIONS ?? "").includes(hook)) process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} ${hook}`.trim();
}
