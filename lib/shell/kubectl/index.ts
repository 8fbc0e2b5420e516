/** kubectl as a program: its command table and root help (kubectl 1.34 wording). */
import { shellTools } from "#shell-tools";
import type { ProgramSpec } from "../cobra";
import { lazyRows } from "../commands";
import { KUBECTL_GLOBAL_FLAGS } from "./common";
import { KUBECTL_COMMANDS } from "./commands";
import { GET } from "./get";

/** The kubectl program. */
export const KUBECTL: ProgramSpec = {
  name: "kubectl",
  // `get` is eager (a learner's first command); the others are declared, their code arrives on first use.
  rows: [GET, ...lazyRows(KUBECTL_COMMANDS, () => shellTools().KUBECTL_IMPLEMENTATIONS)],
  globalFlags: KUBECTL_GLOBAL_FLAGS,
  style: "kubectl",
  // What a bare `kubectl` prints: text only a learner who asks needs, so it arrives with the lab's tools.
  get rootHelp() {
    return shellTools().KUBECTL_ROOT_HELP;
  },
};
