// With CDK_CORE=cdktn, the tests load the cdktn bindings from build/cdktn/src/provider/: generate them first.
const { currentCore, ensureCdktnBindings } = require("../scripts/core");

module.exports = () => {
  if (currentCore().core === "cdktn") ensureCdktnBindings();
};
