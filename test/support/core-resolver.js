// Jest resolver for CDK_CORE=cdktn (see scripts/core.js): the repo's own code gets "cdktn" for "cdktf" and the
// cdktn-generated bindings (build/cdktn/src/provider/) for src/provider/. With CDK_CORE unset it changes nothing.
const { cdktnRequest, cdktnResolved, currentCore } = require("../../scripts/core");

const cdktn = currentCore().core === "cdktn";

module.exports = (request, options) => {
  if (!cdktn) return options.defaultResolver(request, options);
  const resolved = options.defaultResolver(cdktnRequest(request, options.basedir + "/") ?? request, options);
  return cdktnResolved(resolved) ?? resolved;
};
