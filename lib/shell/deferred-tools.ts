/**
 * The lab's tools beyond `kubectl get`'s tables: kubectl's other commands (and `get --watch`, `-o yaml|json|jsonpath`), hubble, the Cilium CLIs,
 * helm, docker, the network clients and the editors (vi, nano). One module, so the browser fetches them together the first time a command needs one
 * (lib/base/deferred.ts); the server and the tests link it statically (./libs/tools.ts).
 */
export { HUBBLE } from "./hubble/observe";
export { CILIUM_CLI } from "./cilium/cli";
export { agentMain, agentProgram } from "./cilium/dbg";
export { curl } from "./net/curl";
export { dig, nc, nslookup, ping } from "./net/tools";
export { docker } from "./tools/docker";
export { HELM } from "./tools/helm";
export { KUBECTL_IMPLEMENTATIONS } from "./kubectl/deferred";
export { helpText, notFoundHint } from "./help";
export { KUBECTL_ROOT_HELP } from "./kubectl/help";
export { LAB } from "./lab/lab";
export { startWatch } from "./kubectl/watch";
export { printObjects } from "./kubectl/output";
export { runEditor } from "./editors";
