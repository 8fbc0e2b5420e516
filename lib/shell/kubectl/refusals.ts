/** What kubectl's commands outside the lab answer (declared in ./commands.ts): what to do instead. */
import type { Implementations } from "../commands";
import type { CommandRun } from "../types";
import { NOT_IN_LAB, ROLLOUT_NOT_IN_LAB } from "./commands";

const EDIT_HINT = "edit the YAML in the Files tab (or cat > file <<EOF), then kubectl apply -f it";

const HINTS: Readonly<Record<(typeof NOT_IN_LAB)[number], string>> = {
  logs: "the lab's pods keep no logs; hubble observe shows their traffic",
  patch: EDIT_HINT,
  replace: EDIT_HINT,
  annotate: "annotations do not change policy; kubectl label changes labels",
  run: "the lab's workloads come from the scenario; kubectl apply -f a Pod manifest instead",
  expose: "kubectl apply -f a Service manifest instead",
  scale: "the lab's workloads have a fixed size",
  "port-forward": "the lab has no network to your machine; use kubectl exec POD -- curl …",
  proxy: "the lab has no network to your machine; use kubectl exec POD -- curl …",
  explain: "kubectl get KIND NAME -o yaml shows a whole object",
  top: "resource metrics are not simulated",
  cp: "files live in ~ on this machine; pods have no file system in the lab",
  attach: "use kubectl exec POD -- COMMAND",
  debug: "use kubectl exec POD -- COMMAND",
  cordon: "scheduling is not simulated",
  uncordon: "scheduling is not simulated",
  drain: "scheduling is not simulated",
  taint: "scheduling is not simulated",
  wait: "everything in the lab is ready at once",
  diff: "kubectl apply --dry-run=client -f FILE shows what would change",
  events: "the lab records no events; hubble observe shows traffic",
  auth: "RBAC is not simulated: you are cluster-admin",
};

const ROLLOUT_HINTS: Readonly<Record<(typeof ROLLOUT_NOT_IN_LAB)[number], string>> = {
  history: "the lab keeps no revision history; kubectl get rs shows the ReplicaSets",
  undo: "re-apply the previous manifest with kubectl apply -f",
  pause: "the lab's rollouts finish at once",
  resume: "the lab's rollouts finish at once",
};

const refusal =
  (words: string, hint: string): CommandRun =>
  (ctx) => {
    ctx.io.err(`error: "kubectl ${words}" is not available in this lab — ${hint}\n`);
    return 1;
  };

type Refused = `kubectl ${(typeof NOT_IN_LAB)[number]}` | `kubectl rollout ${(typeof ROLLOUT_NOT_IN_LAB)[number]}`;

/** One refusal per name of ./commands.ts (the hint tables' types hold them complete). */
export const REFUSALS = Object.fromEntries([
  ...Object.entries(HINTS).map(([name, hint]) => [`kubectl ${name}`, refusal(name, hint)]),
  ...Object.entries(ROLLOUT_HINTS).map(([name, hint]) => [`kubectl rollout ${name}`, refusal(`rollout ${name}`, hint)]),
]) as Implementations<Refused>;
