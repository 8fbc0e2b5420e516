/**
 * Once a learner starts using the lab, fetch the rest of its code while they read the output: opening the
 * page stays light, and later commands (or a Tab completion) do not wait for the network.
 */
import { clusterOps, policyCompiler } from "./cluster";
import { re2 } from "./re2";
import { clusterSchema } from "./schema";
import { shellTools } from "./shell-tools";
import { yamlParser } from "./yaml";

export function prefetchDeferred(): void {
  for (const binding of [shellTools, clusterOps, policyCompiler, yamlParser, re2, clusterSchema]) {
    try {
      binding();
    } catch {
      // NotLoadedYet: the fetch has started. A failed fetch is retried by the command that needs it.
    }
  }
}
