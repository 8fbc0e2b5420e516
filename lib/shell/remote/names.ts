/**
 * The names of the programs inside containers, for completion after `kubectl exec POD --`: eager, while the
 * code that runs them (./index.ts) arrives with the lab's other tools. index.ts implements exactly these names.
 */
import { TEXT_COMMANDS } from "../coreutils/text";

export const REMOTE_TOOLS = [
  "curl",
  "nc",
  "nslookup",
  "dig",
  "ping",
  "hostname",
  "echo",
  "true",
  "false",
  "cat",
  "sh",
  "bash",
] as const;

export type RemoteTool = (typeof REMOTE_TOOLS)[number];

/** Names available inside containers (completion after `--`). */
export function remoteCommandNames(agent: boolean): string[] {
  return [
    ...new Set([
      ...REMOTE_TOOLS,
      ...TEXT_COMMANDS.map((r) => r.path[0] as string),
      ...(agent ? ["cilium-dbg", "cilium"] : []),
    ]),
  ].sort();
}
