// `node --require scripts/core-register.js` with CDK_CORE=cdktn: the same redirection as the jest resolver
// (test/support/core-resolver.js) for child processes (ts-node running examples/, the CLI's app). See scripts/core.js.
const Module = require("module");
const { cdktnRequest, cdktnResolved, currentCore } = require("./core");

if (currentCore().core === "cdktn") {
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const resolved = original.call(this, cdktnRequest(request, parent && parent.filename) ?? request, parent, ...rest);
    return cdktnResolved(resolved) ?? resolved;
  };
}
