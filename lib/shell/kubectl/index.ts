/** kubectl as a program: its command table and root help (kubectl 1.34 wording). */
import { shellTools } from "#shell-tools";
import type { ProgramSpec } from "../cobra";
import { deferredRows } from "../deferred-rows";
import { KUBECTL_GLOBAL_FLAGS } from "./common";
import { GET } from "./get";

/**
 * kubectl's commands other than `get`, in the order of KUBECTL_DEFERRED_ROWS (./deferred.ts): their code is
 * fetched with the lab's other tools (a test keeps the two lists equal).
 */
export const DEFERRED_PATHS: readonly (readonly string[])[] = [
  ["kubectl",  "describe"],
  ["kubectl",  "apply"],
  ["kubectl",  "create"],
  ["kubectl",  "delete"],
  ["kubectl",  "label"],
  ["kubectl",  "exec"],
  ["kubectl",  "rollout",  "restart"],
  ["kubectl",  "rollout",  "status"],
  ["kubectl",  "rollout",  "history"],
  ["kubectl",  "rollout",  "undo"],
  ["kubectl",  "rollout",  "pause"],
  ["kubectl",  "rollout",  "resume"],
  ["kubectl",  "api-resources"],
  ["kubectl",  "version"],
  ["kubectl",  "config",  "current-context"],
  ["kubectl",  "config",  "get-contexts"],
  ["kubectl",  "cluster-info"],
  ["kubectl",  "logs"],
  ["kubectl",  "edit"],
  ["kubectl",  "patch"],
  ["kubectl",  "replace"],
  ["kubectl",  "annotate"],
  ["kubectl",  "run"],
  ["kubectl",  "expose"],
  ["kubectl",  "scale"],
  ["kubectl",  "port-forward"],
  ["kubectl",  "proxy"],
  ["kubectl",  "explain"],
  ["kubectl",  "top"],
  ["kubectl",  "cp"],
  ["kubectl",  "attach"],
  ["kubectl",  "debug"],
  ["kubectl",  "cordon"],
  ["kubectl",  "uncordon"],
  ["kubectl",  "drain"],
  ["kubectl",  "taint"],
  ["kubectl",  "wait"],
  ["kubectl",  "diff"],
  ["kubectl",  "events"],
  ["kubectl",  "auth"],
];

const ROOT_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin

Basic Commands (Intermediate):
  get             Display one or many resources
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource

Cluster Management Commands:
  cluster-info    Display cluster information

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  exec            Execute a command in a container

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin

Settings Commands:
  label           Update the labels on a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  config          Modify kubeconfig files
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** The kubectl program. */
export const KUBECTL: ProgramSpec = {
  name: "kubectl",
  rows: [GET, ...deferredRows(DEFERRED_PATHS, () => shellTools().KUBECTL_DEFERRED_ROWS)],
  globalFlags: KUBECTL_GLOBAL_FLAGS,
  style: "kubectl",
  rootHelp: ROOT_HELP,
};
