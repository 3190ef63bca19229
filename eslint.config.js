// ESLint (flat config): typescript-eslint's recommended rules, tuned for this codebase. `npm run lint` runs it
// together with `prettier --check` (formatting is Prettier's job, so no stylistic rules here).
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

// Generated code (the same list as .prettierignore; ESLint 10 reads no .eslintignore), build output and caches.
const generated = ["src/provider/**", "src/catalog/instance-types.json", "provider-schema/**"];
const output = ["node_modules/**", "lib/**", "build/**", "cdktf.out/**", "coverage/**", ".gen/**", "bench/out/**", "scratch/**"];

/** The Node globals the plain CommonJS scripts use. */
const nodeGlobals = Object.fromEntries(
  ["require", "module", "exports", "__dirname", "__filename", "process", "console", "Buffer", "setTimeout", "clearTimeout", "setImmediate"].map((g) => [g, "readonly"]),
);

module.exports = tseslint.config(
  { ignores: [...generated, ...output] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      // Unused names are a type error already (tsconfig noUnusedLocals/noUnusedParameters); `_x` marks an intended one.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // Synthesized Terraform JSON is untyped by nature: the tests and the schema checker read it as `any`.
      "@typescript-eslint/no-explicit-any": "off",
      // The message format indents its lines by two spaces; the tests' regexes show them as printed ("\n  Fix: ...").
      "no-regex-spaces": "off",
      // require() where an import cannot do the job: JSON data (the catalog keeps tsc from typing the whole file) and
      // the plain CommonJS helpers the build scripts share with the tests (scripts/*.js, .ci/*.js).
      "@typescript-eslint/no-require-imports": ["error", { allow: ["\\.json$", "/scripts/[a-z0-9-]+$", "/\\.ci/[a-z0-9-]+\\.js$"] }],
    },
  },
  {
    // The benchmark loads modules lazily, so that loading happens before the clock starts.
    files: ["bench/**/*.ts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: nodeGlobals },
    rules: {
      // Plain CommonJS: require() is how these files import.
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
);
