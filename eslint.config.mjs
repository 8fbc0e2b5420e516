import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/** Folders that must stay pure TypeScript: they run in the browser and on the server unchanged. */
const PURE_CORE = ["lib/engine/**", "lib/cluster/**", "lib/shell/**", "lib/terminal/**", "lib/grading/**"];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [".next/**", "node_modules/**", "data/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
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
    files: PURE_CORE,
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "react", message: "The core is pure TypeScript: no React." },
            { name: "react-dom", message: "The core is pure TypeScript: no React." },
            { name: "fs", message: "The core does no I/O: pass data in." },
            { name: "node:fs", message: "The core does no I/O: pass data in." },
            { name: "@/lib/db", message: "The core never touches the database." },
          ],
          patterns: [
            { group: ["next", "next/*"], message: "The core is pure TypeScript: no Next.js." },
            { group: ["@prisma/*"], message: "The core never touches the database." },
            { group: ["**/lib/db", "**/lib/db/*", "@/lib/db/*"], message: "The core never touches the database." },
            { group: ["node:*"], message: "The core runs in the browser too: no Node built-ins." },
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
  {
    // lib/engine must not depend on anything above it.
    files: ["lib/engine/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/cluster*", "@/lib/shell*", "@/lib/terminal*", "@/lib/grading*", "@/components/*", "@/app/*", "@/lib/db*", "@/lib/content*"], message: "lib/engine is the bottom layer: dependencies point one way." },
            { group: ["next", "next/*", "@prisma/*", "node:*", "react", "react-dom"], message: "The engine is pure TypeScript." },
          ],
        },
      ],
    },
  },
];

export default config;
