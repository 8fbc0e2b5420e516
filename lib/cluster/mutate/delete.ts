/**
 * kubectl delete: by type/name, selector or manifest. Deleting a namespace takes its objects along;
 * a Deployment its ReplicaSets and pods. A pod deleted under a controller is replaced (new name for
 * ReplicaSet/DaemonSet pods, same name for StatefulSet pods), as the controllers would.
 */
import { draftObjects, isPolicyResource, objKey } from "../store";
import {
  OPTIONAL_CRDS,
  qualifiedPlural,
  qualifiedSingular,
  resourceByKind,
  servedResourceTypes,
  type ResourceType,
} from "../resources";
import { withChanges } from "../state";
import type { ClusterState, Diagnostic, KubeObject, MutationResult, Outcome, Stored } from "../types";
import { decodeManifests } from "../yaml";
import { namespaceMismatch, optionalCrd } from "./apply";
import { freshPodName, materializePod } from "./materialize";
import { newMeta } from "../store";
import { findTargets, type TargetRequest } from "./targets";
import type { Raw } from "@/lib/engine";

function line(r: ResourceType, o: KubeObject): string {
  return `${qualifiedSingular(r)} ${JSON.stringify(o.metadata.name)} deleted${r.namespaced ? ` from ${o.metadata.namespace ?? "default"} namespace` : ""}`;
}

function cascade(state: ClusterState, objects: Map<string, Stored>, st: Stored, rv: { n: number }): void {
  const o = st.object;
  objects.delete(objKey(st.resource, o.metadata.namespace, o.metadata.name));
  if (st.resource === "namespaces") {
    for (const [k, s] of [...objects]) if (s.object.metadata.namespace === o.metadata.name) objects.delete(k);
    return;
  }
  const owned = (s: Stored, name: string) =>
    ((s.object.metadata.ownerReferences ?? []) as Raw[]).some((r) => r.name === name) &&
    s.object.metadata.namespace === o.metadata.namespace;
  if (
    st.resource === "deployments" ||
    st.resource === "statefulsets" ||
    st.resource === "daemonsets" ||
    st.resource === "replicasets"
  ) {
    for (const [k, s] of [...objects]) {
      if (!owned(s, o.metadata.name)) continue;
      objects.delete(k);
      if (s.resource === "replicasets")
        for (const [k2, p] of [...objects]) if (owned(p, s.object.metadata.name)) objects.delete(k2);
    }
    return;
  }
  if (st.resource === "pods") {
    const ref = ((o.metadata.ownerReferences ?? []) as Raw[])[0];
    if (!ref) return;
    const ns = o.metadata.namespace ?? "default";
    const name = ref.kind === "StatefulSet" ? o.metadata.name : freshPodName(state, objects, ns, String(ref.name));
    const spec = { ...(o.spec as Raw) };
    if (ref.kind !== "DaemonSet") delete spec.nodeName;
    const fresh = materializePod(state, objects, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        ...newMeta(state.deps, ++rv.n, name, ns, o.metadata.labels, undefined),
        ownerReferences: o.metadata.ownerReferences,
      },
      spec: spec as KubeObject["spec"],
    });
    objects.set(objKey("pods", ns, name), { resource: "pods", object: fresh });
  }
}

export function deleteObjects(state: ClusterState, req: TargetRequest): MutationResult {
  const t = findTargets(state, req);
  if (!t.ok) return { state, ok: false, outcomes: [], diagnostics: [t.diagnostic] };
  if (t.r.derived) {
    return {
      state,
      ok: false,
      outcomes: [],
      diagnostics: [
        {
          severity: "error",
          code: "unsupported",
          message: `Error from server (MethodNotAllowed): ${qualifiedPlural(t.r)} are managed by Cilium in this lab and cannot be deleted`,
        },
      ],
    };
  }
  const objects = draftObjects(state.objects);
  const rv = { n: state.resourceVersion };
  const outcomes: Outcome[] = [];
  for (const st of t.found) {
    cascade(state, objects, st, rv);
    const o = st.object;
    outcomes.push({
      ref: {
        resource: t.r.plural,
        group: t.r.group,
        kind: t.r.kind,
        name: o.metadata.name,
        namespace: o.metadata.namespace,
      },
      operation: "deleted",
      line: line(t.r, o),
    });
  }
  const diagnostics: Diagnostic[] = [...t.errors];
  if (t.found.length === 0 && t.errors.length === 0)
    diagnostics.push({ severity: "warning", code: "not-found", message: "No resources found" });
  const next =
    outcomes.length > 0
      ? withChanges(state, {
          objects,
          resourceVersion: rv.n,
          policyChanged: isPolicyResource(t.r.plural),
          journal: { op: "delete", ...req, names: [...req.names] },
        })
      : state;
  return { state: next, ok: t.errors.length === 0, outcomes, diagnostics };
}

export function deleteFromText(state: ClusterState, text: string, source: string, namespace?: string): MutationResult {
  const decoded = decodeManifests(text, source);
  const objects = draftObjects(state.objects);
  const rv = { n: state.resourceVersion };
  const outcomes: Outcome[] = [];
  const diagnostics: Diagnostic[] = [];
  let policyChanged = false;
  let settings = state.settings;
  for (const d of decoded.docs) {
    const v = d.value as Raw;
    const meta = (v?.metadata ?? {}) as Raw;
    const crd = optionalCrd(v);
    if (crd !== undefined) {
      if (settings.clusterNetworkPolicyCrd !== true) {
        diagnostics.push({
          severity: "error",
          code: "not-found",
          message: `Error from server (NotFound): error when deleting ${JSON.stringify(source)}: customresourcedefinitions.apiextensions.k8s.io ${JSON.stringify(crd)} not found`,
        });
        continue;
      }
      // Deleting a CRD deletes every object of its kind.
      const plural = OPTIONAL_CRDS[crd];
      for (const [k, st] of objects)
        if (st.resource === plural) {
          objects.delete(k);
          policyChanged = true;
        }
      settings = { ...settings, clusterNetworkPolicyCrd: false };
      outcomes.push({
        ref: {
          resource: "customresourcedefinitions",
          group: "apiextensions.k8s.io",
          kind: "CustomResourceDefinition",
          name: crd,
        },
        operation: "deleted",
        line: `customresourcedefinition.apiextensions.k8s.io ${JSON.stringify(crd)} deleted`,
      });
      continue;
    }
    const r = resourceByKind(String(v?.apiVersion ?? ""), String(v?.kind ?? ""), servedResourceTypes(state.settings));
    const name = String(meta.name ?? "");
    if (!r) {
      diagnostics.push({
        severity: "error",
        code: "unknown-kind",
        message: `error: resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(String(meta.namespace ?? ""))} from ${JSON.stringify(source)}: no matches for kind ${JSON.stringify(String(v?.kind ?? ""))} in version ${JSON.stringify(String(v?.apiVersion ?? ""))}\nensure CRDs are installed first`,
      });
      continue;
    }
    const own = typeof meta.namespace === "string" ? meta.namespace : "";
    if (r.namespaced && namespace !== undefined && own !== "" && own !== namespace) {
      diagnostics.push({ severity: "error", code: "namespace-mismatch", message: namespaceMismatch(own, namespace) });
      continue;
    }
    const ns = r.namespaced ? own || namespace || "default" : undefined;
    const st = objects.get(objKey(r.plural, ns, name));
    if (!st) {
      diagnostics.push({
        severity: "error",
        code: "not-found",
        message: `Error from server (NotFound): error when deleting ${JSON.stringify(source)}: ${qualifiedPlural(r)} ${JSON.stringify(name)} not found`,
      });
      continue;
    }
    cascade(state, objects, st, rv);
    if (isPolicyResource(r.plural)) policyChanged = true;
    outcomes.push({
      ref: { resource: r.plural, group: r.group, kind: r.kind, name, namespace: ns },
      operation: "deleted",
      line: line(r, st.object),
    });
  }
  if (decoded.error) diagnostics.push({ severity: "error", code: decoded.error.code, message: decoded.error.message });
  const next =
    outcomes.length > 0
      ? withChanges(state, {
          objects,
          resourceVersion: rv.n,
          policyChanged,
          journal: { op: "delete-text", source, text, ...(namespace !== undefined ? { namespace } : {}) },
          ...(settings !== state.settings ? { settings } : {}),
        })
      : state;
  return { state: next, ok: !diagnostics.some((x) => x.severity === "error"), outcomes, diagnostics };
}
