/** kubectl's commands other than `get` (./index.ts lists their paths; the code arrives with the lab's tools). */
import type { CommandRow } from "../types";
import { WRITE_COMMANDS } from "./apply";
import { DESCRIBE } from "./describe";
import { EXEC } from "./exec";
import { LABEL } from "./label";
import { MISC_COMMANDS } from "./misc";
import { ROLLOUT_COMMANDS } from "./rollout";

export const KUBECTL_DEFERRED_ROWS: readonly CommandRow[] = [DESCRIBE, ...WRITE_COMMANDS, LABEL, EXEC, ...ROLLOUT_COMMANDS, ...MISC_COMMANDS];
