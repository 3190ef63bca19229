// Tests never print the planner's terminal summary and never read or write a lock file
// unless a test asks for one explicitly (EniPlanner.configure({ lockFile: ... })).
process.env.CDKTF_ENI_QUIET = "1";
process.env.CDKTF_ENI_LOCK_FILE = "none";
