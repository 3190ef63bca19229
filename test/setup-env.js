// Tests never print the planner's terminal summary and never read or write a lock file
// unless a test asks for one explicitly.
process.env.CDKTF_ENI_QUIET = "1";
