/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }],
  },
  // CDK_CORE=cdktn (`npm run test:cdktn`) runs the same suite on CDK Terrain: see scripts/core.js.
  resolver: "<rootDir>/test/support/core-resolver.js",
  globalSetup: "<rootDir>/test/global-setup.js",
  setupFiles: ["<rootDir>/test/setup-env.js"],
  testTimeout: 60000,
};
