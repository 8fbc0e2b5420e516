import { builtinModules, createRequire } from "node:module";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const require = createRequire(import.meta.url);
const ROOT = import.meta.dirname;

/**
 * The layers of the pure core, bottom first (ARCHITECTURE.md): each folder may import only itself and the
 * folders listed for it. Everything else in the repository (the server folders lib/db, lib/progress,
 * lib/content…, app/, components/, scripts/) is out of bounds for the core.
 */
const CORE_LAYERS = {
  "lib/base": [],
  "lib/engine": ["lib/base"],
  "lib/cluster": ["lib/base", "lib/engine"],
  "lib/insight": ["lib/base", "lib/engine", "lib/cluster"],
  "lib/shell": ["lib/base", "lib/engine", "lib/cluster", "lib/insight"],
  "lib/grading": ["lib/base", "lib/engine", "lib/cluster", "lib/insight"],
  "lib/terminal": ["lib/base"],
};

/** Folders that must stay pure TypeScript: they run in the browser and on the server unchanged. */
const PURE_CORE = Object.keys(CORE_LAYERS).map((dir) => `${dir}/**`);

/** Top-level folders holding the repository's own code besides lib/ (what a zone's `from` must cover). */
const CODE_ROOTS = ["app", "components", "scripts", "bench", "e2e", "content", "prisma"];

/** `import/no-restricted-paths` zones: each core layer imports nothing in the repository but its allowed folders. */
function layerZones() {
  return Object.entries(CORE_LAYERS).flatMap(([dir, allowed]) => {
    const ok = [dir, ...allowed];
    const message = `${dir} may import only ${ok.join(", ")}: dependencies point one way (ARCHITECTURE.md).`;
    return [
      { target: `./${dir}`, from: "./lib", except: ok.map((f) => `./${f.slice("lib/".length)}`), message },
      { target: `./${dir}`, from: CODE_ROOTS.map((f) => `./${f}`), message },
    ];
  });
}

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "data/**",
      "lib/db/generated/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // `import { z } from "zod"` drags every zod module (all locales included) into the browser bundle;
    // the namespace import lets the bundler keep only what is used (~70 KB gzip less on a lesson page).
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: 'Use `import * as z from "zod"`: the named `z` is not tree-shakable.',
        },
      ],
    },
  },
  {
    // Resolve imports as the server and the tests link them: `#re2`, `#yaml`, `#schema`, `#shell-tools`, `#cluster-ops` and `#policy-compiler` to their static
    // bindings (package.json `imports`, default condition), `@/…` through tsconfig paths.
    settings: {
      "import/resolver": {
        [require.resolve("eslint-import-resolver-typescript")]: {
          alwaysTryTypes: true,
          conditionNames: ["types", "import", "node", "default"],
        },
        [require.resolve("eslint-import-resolver-node")]: { extensions: [".js", ".jsx", ".ts", ".tsx"] },
      },
    },
  },
  {
    // The layer map, by resolved path: a relative import, an alias or a subpath import all land on a file.
    files: ["lib/**/*.ts", "lib/**/*.tsx", "components/**/*.ts", "components/**/*.tsx"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "**/__golden__/**"],
    rules: {
      "import/no-unresolved": ["error", { ignore: ["^server-only$"] }],
      "import/no-restricted-paths": [
        "error",
        {
          basePath: ROOT,
          zones: [
            ...layerZones(),
            {
              target: "./components",
              from: "./app",
              message: "components/ never import app/: move what both need into lib/ or components/.",
            },
            { target: "./lib", from: ["./app", "./components"], message: "lib/ never imports app/ or components/." },
          ],
        },
      ],
    },
  },
  {
    // No import cycles in lib/ (type-only imports do not count: they vanish at run time).
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    ignores: ["**/*.test.ts", "**/__golden__/**"],
    rules: { "import/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    files: PURE_CORE,
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [...new Set(builtinModules.map((m) => m.split("/")[0]))].map((name) => ({
            name,
            message: "The core does no I/O and runs in the browser too: no Node built-ins, pass data in.",
          })),
          patterns: [
            { group: ["node:*"], message: "The core runs in the browser too: no Node built-ins." },
            {
              group: ["react", "react/*", "react-dom", "react-dom/*"],
              message: "The core is pure TypeScript: no React.",
            },
            {
              group: ["next", "next/*", "@next/*", "server-only"],
              message: "The core is pure TypeScript: no Next.js.",
            },
            { group: ["@prisma/*", "prisma", "pg", "better-sqlite3"], message: "The core never touches the database." },
          ],
        },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "Pass a clock in." },
        { object: "Math", property: "random", message: "Pass randomness in." },
      ],
      "no-restricted-globals": [
        "error",
        { name: "window", message: "The core has no DOM." },
        { name: "document", message: "The core has no DOM." },
      ],
    },
  },
];

export default config;
