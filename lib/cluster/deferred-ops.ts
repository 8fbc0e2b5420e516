/**
 * What the cluster does beyond building a scenario's snapshot and reading it: apply, create, delete, label,
 * settings, rollout restart, connections (and the flow log), journal replay, flow evaluation. One module, so
 * the browser fetches it the first time a command changes the cluster or sends traffic, or a saved lab is
 * restored (lib/base/deferred.ts); a lesson page's first `kubectl get pods` needs none of it. The server and
 * the tests link it statically (./libs/ops.ts). Everyone else reaches it through lib/cluster's index.
 */
export { applyText } from "./mutate/apply";
export { deleteFromText, deleteObjects } from "./mutate/delete";
export { label } from "./mutate/label";
export { setSettings } from "./mutate/settings";
export { rolloutRestart } from "./mutate/rollout";
export { connect } from "./connect";
export { replay, runOp } from "./replay";
export { evaluate, evaluateAll } from "./evaluate";
export { withManifests } from "./scenario/manifests";
