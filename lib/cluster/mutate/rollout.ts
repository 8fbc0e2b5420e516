/**
 * kubectl rollout restart (kubectl pkg/cmd/rollout/rollout_restart.go, polymorphichelpers
 * objectrestarter.go): stamps `kubectl.kubernetes.io/restartedAt` into the pod template, which the
 * controllers see as a new template and roll: a Deployment gets a new ReplicaSet with fresh pods
 * (materialize.ts deploymentChildren), a DaemonSet replaces its pod on every node under a new name, a
 * StatefulSet recreates its pods under the same names. Labels don't change, so identities stay.
 */
import { draftObjects, isoTime, objKey } from "../store";
import { qualifiedSingular } from "../resources";
import { withChanges } from "../state";
import type { ClusterState, Diagnostic, Json, KubeObject, MutationResult, Outcome, Stored } from "../types";
import { deploymentChildren, ownerOf, stampPod, templateHash } from "./materialize";
import { findTargets } from "./targets";
import type { Raw } from "@/lib/engine";

const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

export interface RestartRequest {
  /** `deployment`, `deploy`, `ds`, `daemonset`, `sts`, … */
  readonly type: string;
  /** Empty: every object of the type in the namespace (as `kubectl rollout restart deployment` does). */
  readonly names: readonly string[];
  readonly namespace?: string;
  /** `-l`: the objects of the type whose labels match (instead of names). */
  readonly selector?: string;
}

/** The template with the restart annotation set to `at`. */
function restamped(o: KubeObject, at: string): KubeObject {
  const spec = (o.spec ?? {}) as Raw;
  const t = (spec.template ?? {}) as Raw;
  const meta = (t.metadata ?? {}) as Raw;
  const template = {
    ...t,
    metadata: { ...meta, annotations: { ...((meta.annotations ?? {}) as Record<string, string>), [RESTARTED_AT]: at } },
  };
  const generation = (o.metadata.generation ?? 1) + 1;
  // the controller observes the new generation at once (the lab's rollouts finish immediately)
  const status =
    o.status && typeof o.status === "object" ? { ...(o.status as Raw), observedGeneration: generation } : o.status;
  return {
    ...o,
    spec: { ...spec, template } as Json,
    metadata: { ...o.metadata, generation },
    ...(status !== undefined ? { status: status as Json } : {}),
  };
}

/** DaemonSet / StatefulSet: every pod replaced from the new template, on the node it ran on. */
function replacePods(state: ClusterState, objects: Map<string, Stored>, o: KubeObject, rv: { n: number }): void {
  const ns = o.metadata.namespace ?? "default";
  const t = ((o.spec as Raw).template ?? {}) as Raw;
  const tmeta = (t.metadata ?? {}) as Raw;
  const hash = templateHash(t);
  const pods = [...objects]
    .filter(
      ([, st]) =>
        st.resource === "pods" &&
        st.object.metadata.namespace === ns &&
        ownerOf(st.object)?.kind === o.kind &&
        ownerOf(st.object)?.name === o.metadata.name,
    )
    .sort((a, b) => (a[1].object.metadata.name < b[1].object.metadata.name ? -1 : 1));
  for (const [k, st] of pods) {
    objects.delete(k);
    const old = st.object;
    const base = { ...((tmeta.labels ?? {}) as Record<string, string>) };
    const labels =
      o.kind === "StatefulSet"
        ? {
            ...base,
            "controller-revision-hash": `${o.metadata.name}-${hash}`,
            "statefulset.kubernetes.io/pod-name": old.metadata.name,
            ...(old.metadata.labels?.["apps.kubernetes.io/pod-index"]
              ? { "apps.kubernetes.io/pod-index": old.metadata.labels["apps.kubernetes.io/pod-index"] }
              : {}),
          }
        : { ...base, "controller-revision-hash": hash, "pod-template-generation": String(o.metadata.generation ?? 1) };
    const node = String((old.spec as Raw | undefined)?.nodeName ?? "");
    // StatefulSet pods keep their names (web-0); DaemonSet pods get a new random suffix.
    stampPod(
      state,
      objects,
      o,
      ns,
      o.kind === "StatefulSet" ? old.metadata.name : o.metadata.name,
      labels,
      t,
      node,
      rv,
      o.kind === "StatefulSet",
    );
  }
  if (o.kind === "StatefulSet") {
    const cur = objects.get(objKey("statefulsets", ns, o.metadata.name));
    if (cur)
      objects.set(objKey("statefulsets", ns, o.metadata.name), {
        ...cur,
        object: {
          ...cur.object,
          status: {
            ...((cur.object.status ?? {}) as Raw),
            currentRevision: `${o.metadata.name}-${hash}`,
            updateRevision: `${o.metadata.name}-${hash}`,
          } as Json,
        },
      });
  }
}

export function rolloutRestart(state: ClusterState, req: RestartRequest): MutationResult {
  const t = findTargets(state, {
    type: req.type,
    names: req.names,
    namespace: req.namespace,
    ...(req.selector !== undefined ? { selector: req.selector } : { all: req.names.length === 0 }),
  });
  if (!t.ok) return { state, ok: false, outcomes: [], diagnostics: [t.diagnostic] };
  const diagnostics: Diagnostic[] = [...t.errors];
  const outcomes: Outcome[] = [];
  const objects = draftObjects(state.objects);
  const rv = { n: state.resourceVersion };
  const at = isoTime(state.deps.clock());
  if (!["Deployment", "DaemonSet", "StatefulSet"].includes(t.r.kind)) {
    // polymorphichelpers.defaultObjectRestarter: every other kind
    const resource = `${t.r.plural}${t.r.group ? `.${t.r.group}` : ""}`;
    for (const st of t.found)
      diagnostics.push({
        severity: "error",
        code: "unsupported",
        message: `error: ${resource} ${JSON.stringify(st.object.metadata.name)} restarting is not supported`,
      });
    return { state, ok: false, outcomes, diagnostics };
  }
  for (const st of t.found) {
    const o = st.object;
    const current = (
      (((o.spec as Raw | undefined)?.template as Raw | undefined)?.metadata as Raw | undefined)?.annotations as
        Record<string, string> | undefined
    )?.[RESTARTED_AT];
    if (current === at) {
      // the patch would be empty (rollout_restart.go)
      diagnostics.push({
        severity: "error",
        code: "bad-request",
        message: `error: failed to create patch for ${o.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
      });
      continue;
    }
    const stamped = restamped(o, at);
    const next = { ...stamped, metadata: { ...stamped.metadata, resourceVersion: String(++rv.n) } };
    objects.set(objKey(st.resource, o.metadata.namespace, o.metadata.name), { ...st, object: next });
    if (o.kind === "Deployment") deploymentChildren(state, objects, next, rv);
    else replacePods(state, objects, next, rv);
    outcomes.push({
      ref: {
        resource: t.r.plural,
        group: t.r.group,
        kind: t.r.kind,
        name: o.metadata.name,
        namespace: o.metadata.namespace,
      },
      operation: "restarted",
      line: `${qualifiedSingular(t.r)}/${o.metadata.name} restarted`,
    });
  }
  const next =
    outcomes.length > 0
      ? withChanges(state, {
          objects,
          resourceVersion: rv.n,
          journal: {
            op: "restart",
            type: req.type,
            names: [...req.names],
            ...(req.namespace !== undefined ? { namespace: req.namespace } : {}),
            ...(req.selector !== undefined ? { selector: req.selector } : {}),
          },
        })
      : state;
  return { state: next, ok: !diagnostics.some((d) => d.severity === "error"), outcomes, diagnostics };
}
