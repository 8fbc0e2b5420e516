/**
 * Golden transcripts over the Star Wars scenario: every command and flag of issue 4, including the error
 * cases. Review `-u` updates like code against CLI-FORMATS.md.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  GOLDEN_FILES as FILES,
  GOLDEN_SESSIONS as SESSIONS,
  goldenScript as script,
  STARWARS_TEXT as scenarioText,
} from "@/lib/testing/golden";
import { HeadlessLab, splitCommands } from "./transcript";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("golden transcripts (starwars)", () => {
  for (const name of SESSIONS) {
    it(name, async () => {
      const lab = new HeadlessLab({ scenarioName: "starwars", scenarioText, files: FILES, seed: 7 });
      const out = lab.transcript(splitCommands(script(name)));
      await expect(out).toMatchFileSnapshot(`./__golden__/${name}.txt`);
    });
  }
});

/** Sessions over other scenarios: `NAME.sh` runs on content/scenarios/NAME.yaml. */
const OTHER_SCENARIOS = ["egress-gateway"];

describe("golden transcripts (other scenarios)", () => {
  for (const name of OTHER_SCENARIOS) {
    it(name, async () => {
      const text = readFileSync(`${root}content/scenarios/${name}.yaml`, "utf8");
      const lab = new HeadlessLab({ scenarioName: name, scenarioText: text, files: FILES, seed: 7 });
      await expect(lab.transcript(splitCommands(script(name)))).toMatchFileSnapshot(`./__golden__/${name}.txt`);
    });
  }
});
