/**
 * kubectl apply / create -f: decode, check against the schema (nothing half-applied), store with
 * kubectl's outcome per object, then let Cilium validate policies (VALID condition + warnings).
 */
import type { PolicyKind } from "@/lib/engine";
import { clusterSchema } from "#schema";
import {
  OPTIONAL_CRDS,
  qualifiedPlural,
  qualifiedSingular,
  resourceByKind,
  servedResourceTypes,
  type ResourceType,
} from "../resources";
import { draftObjects, isPolicyResource, newMeta, objKey } from "../store";
import { withChanges } from "../state";
import type { ClusterState, Diagnostic, Json, KubeObject, MutationResult, ObjectRef, Outcome, Stored } from "../types";
import { decodeManifests } from "../yaml";
import {
  allocClusterIP,
  defaultNetworkPolicy,
  deploymentChildren,
  materializePod,
  validCondition,
} from "./materialize";
import { sortedKeysDeep, type Raw } from "@/lib/engine";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

interface Pending {
  readonly message: string;
  readonly code: Diagnostic["code"];
  readonly ref?: ObjectRef;
  readonly invalid?: { kind: string; name: string; causes: readonly string[]; group: string };
}

function refOf(r: ResourceType, name: string, ns: string | undefined): ObjectRef {
  return { resource: r.plural, group: r.group, kind: r.kind, name, ...(r.namespaced ? { namespace: ns } : {}) };
}

/**
 * Strategic-merge list keys of the built-in kinds (`patchMergeKey` tags in k8s.io/api): such lists merge
 * item by item instead of being replaced. CRDs (cilium.io) take JSON merge patches, and NetworkPolicy's
 * lists have no merge key, so their lists are replaced whole.
 */
const MERGE_KEYS: Readonly<Record<string, readonly string[]>> = {
  containers: ["name"],
  initContainers: ["name"],
  ephemeralContainers: ["name"],
  env: ["name"],
  volumes: ["name"],
  volumeMounts: ["mountPath"],
  imagePullSecrets: ["name"],
  ports: ["containerPort", "port"],
  hostAliases: ["ip"],
};

const isObj = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);

/** A keyed list merge: the new manifest's items (merged into the live ones), then live items it did not remove. */
function mergeList(
  live: readonly unknown[],
  last: unknown,
  next: readonly unknown[],
  keys: readonly string[],
): unknown[] | undefined {
  const key = keys.find((k) => [...live, ...next].every((x) => isObj(x) && x[k] !== undefined));
  if (key === undefined) return undefined;
  const lastArr = Array.isArray(last) ? last : [];
  const find = (arr: readonly unknown[], v: unknown): Raw | undefined =>
    arr.find((x): x is Raw => isObj(x) && x[key] === v);
  const out: unknown[] = next.map((n) =>
    threeWayMerge(find(live, (n as Raw)[key]), find(lastArr, (n as Raw)[key]), n, true),
  );
  for (const l of live) if (!find(next, (l as Raw)[key]) && !find(lastArr, (l as Raw)[key])) out.push(l);
  return out;
}

/**
 * kubectl apply's three-way merge, simplified: fields of the new manifest replace the live ones
 * (maps merge recursively; lists are replaced, or merged by key with `strategic`), fields that were in the
 * last applied manifest but are gone from the new one are removed, fields the server filled in
 * (nodeName, clusterIP, imagePullPolicy...) stay.
 */
function threeWayMerge(live: unknown, last: unknown, next: unknown, strategic: boolean, field = ""): unknown {
  if (strategic && Array.isArray(next) && Array.isArray(live) && MERGE_KEYS[field]) {
    const merged = mergeList(live, last, next, MERGE_KEYS[field] as readonly string[]);
    if (merged) return merged;
  }
  if (!isObj(next) || !isObj(live)) return next;
  const out: Raw = { ...live };
  const lastObj = isObj(last) ? last : {};
  for (const k of Object.keys(lastObj)) if (!(k in next)) delete out[k];
  for (const [k, v] of Object.entries(next)) out[k] = threeWayMerge(live[k], lastObj[k], v, strategic, k);
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type Admitted =
  | { ok: true; r: ResourceType; ns: string | undefined; name: string; ref: ObjectRef; existing: Stored | undefined }
  | { ok: false; pending: Pending };

/** kubectl's RequireNamespace visitor (cli-runtime resource/visitor.go), used when `-n` is given. */
export function namespaceMismatch(own: string, wanted: string): string {
  return `error: the namespace from the provided object ${JSON.stringify(own)} does not match the namespace ${JSON.stringify(wanted)}. You must pass '--namespace=${own}' to perform this operation.`;
}

/**
 * The API server's checks before storing one document (kind, name, schema, namespace, existence).
 * `enforce` is kubectl's `-n`: documents without a namespace get it, a different one is refused.
 */
function admit(
  v: Raw,
  objects: ReadonlyMap<string, Stored>,
  source: string,
  mode: "apply" | "create",
  enforce: string | undefined,
  served: readonly ResourceType[],
): Admitted {
  const fail = (p: Pending): Admitted => ({ ok: false, pending: p });
  const src = JSON.stringify(source);
  if (!v || typeof v !== "object" || Array.isArray(v) || typeof v.kind !== "string" || v.kind === "") {
    return fail({
      code: "missing-kind",
      message: `error: unable to decode ${src}: Object 'Kind' is missing in '${JSON.stringify(v)}'`,
    });
  }
  const meta = (v.metadata ?? {}) as Raw;
  const name = typeof meta.name === "string" ? meta.name : "";
  const rawNs = typeof meta.namespace === "string" ? meta.namespace : "";
  const r = resourceByKind(String(v.apiVersion ?? ""), v.kind, served);
  if (!r || r.derived) {
    return fail({
      code: "unknown-kind",
      message: `error: resource mapping not found for name: ${JSON.stringify(name)} namespace: ${JSON.stringify(rawNs)} from ${src}: no matches for kind ${JSON.stringify(v.kind)} in version ${JSON.stringify(String(v.apiVersion ?? ""))}\nensure CRDs are installed first`,
    });
  }
  if (r.namespaced && enforce !== undefined && rawNs !== "" && rawNs !== enforce) {
    return fail({ code: "namespace-mismatch", message: namespaceMismatch(rawNs, enforce) });
  }
  const ns = r.namespaced ? rawNs || enforce || "default" : undefined;
  const gv = r.group ? `${r.group}/${r.version}` : r.version;
  if (name === "") {
    return fail({
      code: "missing-name",
      message: `error: error when retrieving current configuration of:\nResource: "${gv}, Resource=${r.plural}", GroupVersionKind: "${gv}, Kind=${r.kind}"\nName: "", Namespace: "${ns ?? ""}"\nfrom server for: "${source}": resource name may not be empty`,
    });
  }
  const ref = refOf(r, name, ns);
  const existing = objects.get(objKey(r.plural, ns, name));
  // the schemas arrive with the first manifest in the browser (lib/base/deferred.ts), like the YAML parser
  const sv = clusterSchema().validateObject(r.kind, v);
  if (sv.kind === "strict") {
    // The API server sorts the pruned paths (apiextensions-apiserver unstructuredSchemaCoercer: sort.Strings).
    const list = [...sv.unknown]
      .sort()
      .map((u) => `unknown field ${JSON.stringify(u)}`)
      .join(", ");
    return fail({
      ref,
      code: "strict-decoding",
      message: existing
        ? `Error from server (BadRequest): error when applying patch to ${qualifiedPlural(r)} ${JSON.stringify(name)} from ${src}: strict decoding error: ${list}`
        : `Error from server (BadRequest): error when creating ${src}: ${r.kind} in version ${JSON.stringify(r.version)} cannot be handled as a ${r.kind}: strict decoding error: ${list}`,
    });
  }
  if (sv.kind === "invalid")
    return fail({
      ref,
      code: "invalid",
      message: "",
      invalid: { kind: r.kind, name, causes: sv.causes, group: r.group },
    });
  if (ns !== undefined && !objects.has(objKey("namespaces", undefined, ns))) {
    return fail({
      ref,
      code: "namespace-not-found",
      message: `Error from server (NotFound): error when creating ${src}: namespaces ${JSON.stringify(ns)} not found`,
    });
  }
  if (existing && mode === "create") {
    return fail({
      ref,
      code: "already-exists",
      message: `Error from server (AlreadyExists): error when creating ${src}: ${qualifiedPlural(r)} ${JSON.stringify(name)} already exists`,
    });
  }
  return { ok: true, r, ns, name, ref, existing };
}

/** kubectl prints one Invalid error as `The Kind "name" is invalid: ...`, several with the source prefix. */
function pendingMessage(p: Pending, errCount: number, source: string): string {
  if (!p.invalid) return p.message;
  const { kind, name, causes, group } = p.invalid;
  const body = causes.length === 1 ? causes[0] : `\n${causes.map((c) => `* ${c}`).join("\n")}`;
  return errCount === 1
    ? `The ${kind} ${JSON.stringify(name)} is invalid: ${body}`
    : `Error from server (Invalid): error when creating ${JSON.stringify(source)}: ${kind}${group ? `.${group}` : ""} ${JSON.stringify(name)} is invalid: ${body}`;
}

/** The name of an optional CRD (OPTIONAL_CRDS) this document defines, or undefined. */
export function optionalCrd(v: Raw): string | undefined {
  if (!isObj(v) || v.kind !== "CustomResourceDefinition" || v.apiVersion !== "apiextensions.k8s.io/v1")
    return undefined;
  const name = isObj(v.metadata) ? v.metadata.name : undefined;
  return typeof name === "string" && OPTIONAL_CRDS[name] !== undefined ? name : undefined;
}

export function applyText(
  state: ClusterState,
  text: string,
  source: string,
  mode: "apply" | "create",
  namespace?: string,
  dryRun = false,
): MutationResult {
  const decoded = decodeManifests(text, source);
  const objects = draftObjects(state.objects);
  const outcomes: Outcome[] = [];
  const pending: Pending[] = [];
  const warnings: Diagnostic[] = [];
  const rv = { n: state.resourceVersion };
  let policyChanged = false;
  const docs: Raw[] = [];
  for (const d of decoded.docs) {
    const v = d.value as Raw;
    if (v && typeof v === "object" && v.kind === "List" && Array.isArray(v.items)) docs.push(...(v.items as Raw[]));
    else docs.push(v);
  }
  if (docs.length === 0 && !decoded.error) {
    return {
      state,
      ok: false,
      outcomes: [],
      diagnostics: [{ severity: "error", code: "no-objects", message: `error: no objects passed to ${mode}` }],
    };
  }
  let settings = state.settings;
  // kubectl maps every document to a resource before sending any: a CRD and its first object in one file
  // create the CRD and fail the object ("ensure CRDs are installed first"), as on a real cluster.
  const served = servedResourceTypes(state.settings);
  for (const v of docs) {
    const crd = optionalCrd(v);
    if (crd !== undefined) {
      // The CRD itself (customresourcedefinitions.apiextensions.k8s.io): once created, its kind is served.
      const op = settings.clusterNetworkPolicyCrd === true ? "unchanged" : "created";
      if (settings.clusterNetworkPolicyCrd === true && mode === "create") {
        pending.push({
          code: "already-exists",
          message: `Error from server (AlreadyExists): error when creating ${JSON.stringify(source)}: customresourcedefinitions.apiextensions.k8s.io ${JSON.stringify(crd)} already exists`,
        });
        continue;
      }
      settings = { ...settings, clusterNetworkPolicyCrd: true };
      outcomes.push({
        ref: {
          resource: "customresourcedefinitions",
          group: "apiextensions.k8s.io",
          kind: "CustomResourceDefinition",
          name: crd,
        },
        operation: op,
        line: `customresourcedefinition.apiextensions.k8s.io/${crd} ${op}`,
      });
      continue;
    }
    const a = admit(v, objects, source, mode, namespace, served);
    if (!a.ok) {
      pending.push(a.pending);
      continue;
    }
    // kubectl sets the namespace it chose on the object before sending it (SetNamespace / RequireNamespace),
    // so it is part of the last-applied configuration too.
    const res = store(
      state,
      objects,
      a.r,
      a.ns !== undefined ? { ...v, metadata: { ...((v.metadata ?? {}) as Raw), namespace: a.ns } } : v,
      a.ns,
      a.existing,
      mode,
      rv,
    );
    outcomes.push({ ref: a.ref, operation: res.op, line: `${qualifiedSingular(a.r)}/${a.name} ${res.op}` });
    if (res.op !== "unchanged" && isPolicyResource(a.r.plural)) policyChanged = true;
    warnings.push(...res.warnings.map((w): Diagnostic => ({ ...w, object: a.ref })));
  }
  const diagnostics: Diagnostic[] = [...warnings];
  const errCount = pending.length + (decoded.error ? 1 : 0);
  for (const p of pending)
    diagnostics.push({
      severity: "error",
      code: p.code,
      message: pendingMessage(p, errCount, source),
      ...(p.ref ? { object: p.ref } : {}),
    });
  if (decoded.error) diagnostics.push({ severity: "error", code: decoded.error.code, message: decoded.error.message });
  const changed = !dryRun && outcomes.some((o) => o.operation !== "unchanged");
  const next = changed
    ? withChanges(state, {
        objects,
        resourceVersion: rv.n,
        policyChanged,
        journal: { op: mode, source, text, ...(namespace !== undefined ? { namespace } : {}) },
        ...(settings !== state.settings ? { settings } : {}),
      })
    : state;
  return { state: next, ok: errCount === 0, outcomes, diagnostics };
}

function store(
  state: ClusterState,
  objects: Map<string, Stored>,
  r: ResourceType,
  v: Raw,
  ns: string | undefined,
  existing: Stored | undefined,
  mode: "apply" | "create",
  rv: { n: number },
): { op: Outcome["operation"]; warnings: Omit<Diagnostic, "object">[] } {
  const meta = (v.metadata ?? {}) as Raw;
  const name = String(meta.name);
  const labels = { ...((meta.labels ?? {}) as Record<string, string>) };
  if (r.kind === "Namespace") labels["kubernetes.io/metadata.name"] = name;
  const annotations: Record<string, string> = { ...((meta.annotations ?? {}) as Record<string, string>) };
  if (mode === "apply") {
    const lastMeta: Raw = {
      annotations: (meta.annotations ?? {}) as Json,
      ...(meta.labels ? { labels: meta.labels } : {}),
      name,
      ...(ns !== undefined && meta.namespace !== undefined ? { namespace: meta.namespace } : {}),
    };
    annotations[LAST_APPLIED] = `${JSON.stringify(sortedKeysDeep({ ...v, metadata: lastMeta }))}\n`;
  }
  let spec = v.spec as Raw | undefined;
  if (r.kind === "NetworkPolicy") spec = defaultNetworkPolicy(spec ?? {});
  const body: Raw = { ...v };
  delete body.status;
  delete body.metadata;
  if (spec !== undefined) body.spec = spec;
  if (existing) {
    const old = existing.object;
    const oldBody: Raw = { ...old };
    delete oldBody.status;
    delete oldBody.metadata;
    let lastApplied: Raw = {};
    try {
      lastApplied = JSON.parse(old.metadata.annotations?.[LAST_APPLIED] ?? "{}") as Raw;
    } catch {
      lastApplied = {};
    }
    const merged = threeWayMerge(
      oldBody,
      lastApplied,
      body,
      r.group !== "cilium.io" && r.kind !== "NetworkPolicy",
    ) as Raw;
    const specSame = same(sortedKeysDeep(merged), sortedKeysDeep(oldBody));
    const oldAnn = { ...(old.metadata.annotations ?? {}) };
    const metaSame =
      same(sortedKeysDeep(old.metadata.labels ?? {}), sortedKeysDeep(labels)) &&
      same(sortedKeysDeep(oldAnn), sortedKeysDeep({ ...oldAnn, ...annotations }));
    if (specSame && metaSame) return { op: "unchanged", warnings: [] };
    const missing: Omit<Diagnostic, "object">[] =
      mode === "apply" && old.metadata.annotations?.[LAST_APPLIED] === undefined
        ? [
            {
              severity: "warning",
              code: "kubectl-warning",
              message: `Warning: resource ${r.plural}/${name} is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.`,
            },
          ]
        : [];
    const next: KubeObject = {
      ...merged,
      apiVersion: old.apiVersion,
      kind: old.kind,
      ...(old.status !== undefined ? { status: old.status } : {}),
      metadata: {
        ...old.metadata,
        labels,
        annotations: { ...oldAnn, ...annotations },
        resourceVersion: String(++rv.n),
        generation: (old.metadata.generation ?? 1) + (specSame ? 0 : 1),
      },
    } as KubeObject;
    const res = finish(state, objects, r, next, "configured", rv);
    return { op: res.op, warnings: [...missing, ...res.warnings] };
  }
  const m = { ...newMeta(state.deps, ++rv.n, name, ns, labels, annotations), generation: 1 };
  let obj = { ...body, apiVersion: r.apiVersion, kind: r.kind, metadata: m } as KubeObject;
  if (r.kind === "Pod") obj = materializePod(state, objects, obj);
  if (r.kind === "Service") {
    const s = { ...((obj.spec ?? {}) as Raw) };
    if (typeof s.clusterIP !== "string") s.clusterIP = allocClusterIP(state, objects);
    s.type = s.type ?? "ClusterIP";
    s.ports = (Array.isArray(s.ports) ? (s.ports as Raw[]) : []).map((p) => ({
      protocol: "TCP",
      targetPort: p.port,
      ...p,
    }));
    obj = { ...obj, spec: s as Json, status: { loadBalancer: {} } };
  }
  if (r.kind === "Namespace") obj = { ...obj, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } };
  return finish(state, objects, r, obj, "created", rv);
}

function finish(
  state: ClusterState,
  objects: Map<string, Stored>,
  r: ResourceType,
  obj: KubeObject,
  op: "created" | "configured",
  rv: { n: number },
): { op: Outcome["operation"]; warnings: Omit<Diagnostic, "object">[] } {
  const warnings: Omit<Diagnostic, "object">[] = [];
  let o = obj;
  if (r.kind === "CiliumNetworkPolicy" || r.kind === "CiliumClusterwideNetworkPolicy") {
    const vc = validCondition(r.kind as PolicyKind, o, state.deps.clock(), state.settings.nodeSelectorLabels === true);
    o = { ...o, status: vc.status };
    if (!vc.valid) warnings.push({ severity: "warning", code: "policy-invalid", message: vc.message });
    for (const w of vc.warnings) warnings.push({ severity: "warning", code: "policy-warning", message: w });
  }
  objects.set(objKey(r.plural, o.metadata.namespace, o.metadata.name), { resource: r.plural, object: o });
  if (r.kind === "Deployment") deploymentChildren(state, objects, o, rv);
  return { op, warnings };
}
