/**
 * The code of kubectl's declared commands (./commands.ts), by key; it arrives with the lab's other tools
 * (lib/shell/deferred-tools.ts). The type makes a declared command without code, or code for an undeclared
 * key, a compile error.
 */
import type { Implementations } from "../commands";
import { writeCommand } from "./apply";
import type { KubectlKey } from "./commands";
import { runCreateDeployment } from "./create-deployment";
import { runDescribe } from "./describe";
import { runEdit } from "./edit";
import { runExec } from "./exec";
import { runLabel } from "./label";
import { runApiResources, runClusterInfo, runCurrentContext, runGetContexts, runVersion } from "./misc";
import { REFUSALS } from "./refusals";
import { runRestart, runStatus } from "./rollout";

export const KUBECTL_IMPLEMENTATIONS: Implementations<KubectlKey> = {
  "kubectl describe": runDescribe,
  "kubectl apply": writeCommand("apply"),
  "kubectl edit": runEdit,
  "kubectl create": writeCommand("create"),
  "kubectl create deployment": runCreateDeployment,
  "kubectl delete": writeCommand("delete"),
  "kubectl label": runLabel,
  "kubectl exec": runExec,
  "kubectl rollout restart": runRestart,
  "kubectl rollout status": runStatus,
  "kubectl api-resources": runApiResources,
  "kubectl version": runVersion,
  "kubectl config current-context": runCurrentContext,
  "kubectl config get-contexts": runGetContexts,
  "kubectl cluster-info": runClusterInfo,
  ...REFUSALS,
};
