/**
 * Golden transcripts over the Star Wars scenario: every command and flag of issue 4, including the error
 * cases. Review `-u` updates like code against CLI-FORMATS.md.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HeadlessLab, splitCommands } from "./transcript";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scenarioText = readFileSync(`${root}content/scenarios/starwars.yaml`, "utf8");
const script = (name: string): string => readFileSync(fileURLToPath(new URL(`./__golden__/${name}.sh`, import.meta.url)), "utf8");

const FILES = {
  "sw_l3_l4_policy.yaml": readFileSync(fileURLToPath(new URL("./__golden__/files/sw_l3_l4_policy.yaml", import.meta.url)), "utf8"),
  "bad-yaml.yaml": "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: broken\nspec:\n  endpointSelector: matchLabels: {}\n",
  "typo.yaml": "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: typo\nspec:\n  endpointSelector: {}\n  ingress:\n  - fromEndpoint:\n    - {}\n",
  "in-default.yaml": "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: in-default\n  namespace: default\nspec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: [cluster]\n",
};

const SESSIONS = ["shell", "kubectl-get", "kubectl-write", "kubectl-describe", "kubectl-exec", "cilium", "hubble", "errors"];

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
