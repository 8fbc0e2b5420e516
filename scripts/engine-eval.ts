/** `npm run -s engine:eval -- CASE.json [...]`: one JSON line per case (see engine-eval-core.ts). */
import { readFileSync } from "node:fs";
import { evalCase } from "./engine-eval-core";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: npm run -s engine:eval -- CASE.json [CASE.json ...]");
  process.exit(2);
}
let failed = false;
for (const f of files) {
  try {
    console.log(JSON.stringify(evalCase(JSON.parse(readFileSync(f, "utf8")))));
  } catch (e) {
    failed = true;
    console.log(JSON.stringify({ id: f, results: [], errors: [`cannot read case: ${(e as Error).message}`] }));
  }
}
process.exit(failed ? 1 : 0);
