// Lint rules, including the boundary between the pure core and the I/O shell.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The I/O shell: a pure folder may not import these, by package or by relative path. */
const shellFolders = [
  "github",
  "store",
  "scheduler",
  "slack",
  "http",
  "outbox",
  "identity",
  "cli",
  "demo",
];

const pureFolders = [
  "src/clock/**",
  "src/sla/**",
  "src/assignment/**",
  "src/checklist/**",
  "src/digest/**",
  "src/dashboard/**",
  "src/comments/**",
  "src/config/**",
  "src/commands/**",
];

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "coverage/**",
      "data/**",
      "node_modules/**",
      "jest.config.js",
      "eslint.config.js",
      "test/summary-reporter.cjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read the environment only in src/settings.ts.",
        },
      ],
    },
  },
  {
    files: ["src/settings.ts", "test/**", "bench/**", "scripts/**"],
    rules: { "no-restricted-syntax": "off" },
  },
  {
    files: pureFolders,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${shellFolders.join("|")})(/|$)`,
              message: "Pure core: no imports from the shell; take what you need as arguments.",
            },
            { group: ["probot", "probot/*", "@octokit/*"], message: "Pure core: no GitHub I/O." },
            { group: ["kysely", "better-sqlite3", "pg"], message: "Pure core: no database." },
            { group: ["@slack/*"], message: "Pure core: no Slack I/O." },
            {
              group: [
                "node:fs",
                "node:fs/*",
                "node:http",
                "node:https",
                "node:net",
                "node:child_process",
                "fs",
                "http",
                "https",
                "net",
                "child_process",
              ],
              message: "Pure core: no I/O modules.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: "Pure core: take the time as an argument.",
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Pure core: take the time as an argument.",
        },
        {
          selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']",
          message: "Pure core: take the time as an argument.",
        },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: "Read the environment only in src/settings.ts.",
        },
      ],
    },
  },
  {
    files: ["test/**", "bench/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
      // GitHub's example payloads are loose JSON that tests reshape freely.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
    },
  },
  {
    // The dashboard's browser script: plain JavaScript, not part of the TypeScript project.
    files: ["assets/**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: "script",
      globals: { document: "readonly", uPlot: "readonly" },
    },
  },
);
