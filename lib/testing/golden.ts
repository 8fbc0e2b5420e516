/**
 * The golden transcripts' fixture (lib/shell/__golden__): the Star Wars scenario, the files preloaded in ~,
 * and the sessions. Shared by the golden test and the test that replays them the browser's way.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const golden = (name: string): string => fileURLToPath(new URL(`../shell/__golden__/${name}`, import.meta.url));

export const STARWARS_TEXT = readFileSync(
  fileURLToPath(new URL("../../content/scenarios/starwars.yaml", import.meta.url)),
  "utf8",
);

export const GOLDEN_FILES: Readonly<Record<string, string>> = {
  "sw_l3_l4_policy.yaml": readFileSync(golden("files/sw_l3_l4_policy.yaml"), "utf8"),
  "bad-yaml.yaml":
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: broken\nspec:\n  endpointSelector: matchLabels: {}\n",
  "typo.yaml":
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: typo\nspec:\n  endpointSelector: {}\n  ingress:\n  - fromEndpoint:\n    - {}\n",
  "in-default.yaml":
    "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: in-default\n  namespace: default\nspec:\n  endpointSelector: {}\n  ingress:\n  - fromEntities: [cluster]\n",
};

/** Sessions over the Star Wars scenario: `NAME.sh` and its transcript `NAME.txt`. */
export const GOLDEN_SESSIONS = [
  "shell",
  "kubectl-get",
  "kubectl-write",
  "kubectl-describe",
  "kubectl-exec",
  "drop-events",
  "cilium",
  "hubble",
  "errors",
  "deny-response",
  "lab",
] as const;

/** A session's commands. */
export const goldenScript = (name: string): string => readFileSync(golden(`${name}.sh`), "utf8");

/** A session's expected transcript. */
export const goldenTranscript = (name: string): string => readFileSync(golden(`${name}.txt`), "utf8");
