/**
 * The layer map of ARCHITECTURE.md is enforced by eslint.config.mjs. These cases lint virtual files (nothing
 * is written) through ESLint's own API with the repository's configuration, so a config change that lets
 * a forbidden import through fails here, whatever the import style: relative path, `@/` alias, `#name`
 * subpath import, or `export … from`.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

beforeAll(() => {
  // import/no-cycle needs the file on disk (and a file nothing imports closes no cycle): off for virtual files.
  eslint = new ESLint({ cwd: ROOT, overrideConfig: { rules: { "import/no-cycle": "off" } } });
});

/** Lints `code` as if it were the file `file` (relative to the repository root); returns the errors' rule ids. */
async function errors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId ?? "fatal"}: ${m.message}`);
}

const LAYER = "import/no-restricted-paths";

describe("the dependency rule fails lint", () => {
  it.each([
    ["lib/engine/probe.ts", 'import { db } from "../db";\nvoid db;\n'],
    ["lib/engine/probe.ts", 'import { createCluster } from "../cluster";\nvoid createCluster;\n'],
    ["lib/engine/probe.ts", 'import { run } from "../shell";\nvoid run;\n'],
    ["lib/engine/probe.ts", 'import { run } from "@/lib/shell";\nvoid run;\n'],
    ["lib/engine/probe.ts", 'export { yamlParser } from "#yaml";\n'],
    ["lib/engine/compile/probe.ts", 'import { createCluster } from "../../cluster/index";\nvoid createCluster;\n'],
    ["lib/cluster/probe.ts", 'import { run } from "../shell";\nvoid run;\n'],
    ["lib/cluster/probe.ts", 'import { shellTools } from "#shell-tools";\nvoid shellTools;\n'],
    ["lib/cluster/probe.ts", 'import { grade } from "../grading";\nvoid grade;\n'],
    ["lib/grading/probe.ts", 'import { lessonProgress } from "../progress/lessons";\nvoid lessonProgress;\n'],
    ["lib/grading/probe.ts", 'import { readCatalog } from "@/lib/content/catalog";\nvoid readCatalog;\n'],
    ["lib/shell/probe.ts", 'import { db } from "@/lib/db";\nvoid db;\n'],
    ["lib/shell/probe.ts", 'import { grade } from "../grading";\nvoid grade;\n'],
    ["lib/terminal/probe.ts", 'import { run } from "../shell";\nvoid run;\n'],
    ["lib/base/probe.ts", 'import { parseIPv4 } from "../engine/ip";\nvoid parseIPv4;\n'],
    ["lib/base/libs/probe.ts", 'import { createCluster } from "@/lib/cluster";\nvoid createCluster;\n'],
    ["lib/engine/probe.ts", 'import { validateObject } from "../cluster/schema/index";\nvoid validateObject;\n'],
    ["lib/cluster/probe.ts", 'import { impactOf } from "../insight";\nvoid impactOf;\n'],
    ["components/probe.tsx", 'import { saveDisplayName } from "../app/progress/actions";\nvoid saveDisplayName;\n'],
    ["components/lab/probe.tsx", 'import { saveDisplayName } from "@/app/progress/actions";\nvoid saveDisplayName;\n'],
    ["lib/progress/probe.ts", 'import Page from "@/app/progress/page";\nvoid Page;\n'],
  ])("%s: %s", async (file, code) => {
    expect((await errors(file, code)).some((e) => e.startsWith(LAYER))).toBe(true);
  });

  it("an import of a folder that does not exist fails too (it cannot slip past the zones unresolved)", async () => {
    expect(await errors("lib/grading/probe.ts", 'import { x } from "../progress/x";\nvoid x;\n')).not.toEqual([]);
  });

  it.each([
    ["lib/engine/probe.ts", 'import fs from "node:fs";\nvoid fs;\n'],
    ["lib/engine/probe.ts", 'import { readFileSync } from "fs";\nvoid readFileSync;\n'],
    ["lib/cluster/probe.ts", 'import path from "path";\nvoid path;\n'],
    ["lib/shell/probe.ts", 'import { useState } from "react";\nvoid useState;\n'],
    ["lib/grading/probe.ts", 'import { notFound } from "next/navigation";\nvoid notFound;\n'],
    ["lib/terminal/probe.ts", 'import { PrismaClient } from "@prisma/client";\nvoid PrismaClient;\n'],
  ])("the pure core never imports Node, React, Next or Prisma: %s %s", async (file, code) => {
    expect((await errors(file, code)).some((e) => e.startsWith("no-restricted-imports"))).toBe(true);
  });

  it("the pure core has no clock or randomness of its own", async () => {
    expect(await errors("lib/engine/probe.ts", "export const t = Date.now() + Math.random();\n")).toHaveLength(2);
  });
});

describe("imports that follow the layer map pass", () => {
  it.each([
    [
      "lib/engine/probe.ts",
      'import { parseIPv4 } from "./ip";\nimport { re2 } from "#re2";\nvoid parseIPv4;\nvoid re2;\n',
    ],
    [
      "lib/cluster/probe.ts",
      'import { analyzePolicy } from "../engine";\nimport { parseIPv4 } from "@/lib/engine/ip";\nvoid analyzePolicy;\nvoid parseIPv4;\n',
    ],
    [
      "lib/shell/probe.ts",
      'import { createCluster } from "@/lib/cluster";\nimport { analyzePolicy } from "../engine";\nvoid createCluster;\nvoid analyzePolicy;\n',
    ],
    ["lib/grading/probe.ts", 'import { createCluster } from "../cluster";\nvoid createCluster;\n'],
    [
      "lib/engine/probe.ts",
      'import { settle } from "@/lib/base/deferred";\nimport { asArr } from "../base/raw";\nvoid settle;\nvoid asArr;\n',
    ],
    ["lib/terminal/probe.ts", 'import { settle } from "../base/deferred";\nvoid settle;\n'],
    [
      "lib/progress/probe.ts",
      'import { createCluster } from "@/lib/cluster";\nimport { db } from "../db";\nvoid createCluster;\nvoid db;\n',
    ],
    [
      "components/lab/probe.tsx",
      'import { run } from "@/lib/shell";\nimport { useState } from "react";\nvoid run;\nvoid useState;\n',
    ],
    ["app/probe.tsx", 'import { StartOverForm } from "@/components/progress/StartOverForm";\nvoid StartOverForm;\n'],
  ])("%s: %s", async (file, code) => {
    expect(await errors(file, code)).toEqual([]);
  });
});
