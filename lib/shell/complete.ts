/**
 * Tab completion data: commands, subcommands, flags, flag values, resource types and object names from the
 * current state, files of the virtual file system. Returns candidates for the word under the cursor; the
 * line editor inserts their common prefix or lists them.
 */
import { KUBECTL } from "./kubectl";
import { shellTools } from "#shell-tools";
import type { ProgramSpec } from "./cobra";
import type { FlagSpec } from "./flags";
import { byPlural, RESOURCES, resolveType, servedResourceTypes } from "./kubectl/resources";
import { hostCommandNames } from "./programs";
import { remoteCommandNames } from "./remote/names";
import type { ShellState } from "./types";
import { HOME, isDir, listDir, resolvePath } from "./vfs";
import { externals, objects } from "./cluster/ops";

export interface Completion {
  /** Index in the line where the completed word starts. */
  readonly replaceFrom: number;
  /** Full replacement words (directories end with `/`), sorted. */
  readonly candidates: string[];
}

/** The spec of a program whose words complete from its flags and subcommands (the deferred tools' on first use). */
function programSpec(name: string): ProgramSpec | undefined {
  switch (name) {
    case "kubectl":
      return KUBECTL;
    case "helm":
      return shellTools().HELM;
    case "cilium":
      return shellTools().CILIUM_CLI;
    case "hubble":
      return shellTools().HUBBLE;
    case "cilium-dbg":
      return shellTools().agentProgram("");
    case "lab":
      return shellTools().LAB;
    default:
      return undefined;
  }
}
/** Types `kubectl exec TYPE/NAME` resolves to one of their pods. */
const POD_OWNERS = new Set(["pods", "daemonsets", "deployments", "replicasets", "statefulsets", "jobs"]);
const FILE_COMMANDS = new Set(["cat", "ls", "rm", "grep", "head", "tail", "wc", "cp", "mv", "touch", "cd"]);

/** Splits the current simple command into words (quotes respected); the last one may be partial. */
function words(text: string): { words: string[]; start: number } {
  const seg = text.split(/\|\||&&|[|;]/).pop() ?? "";
  const base = text.length - seg.length;
  const out: string[] = [];
  let cur = "";
  let curStart = base;
  let quote: string | null = null;
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === " " || c === "\t") {
      if (cur !== "" || (i > 0 && /['"]/.test(seg[i - 1] ?? ""))) out.push(cur);
      cur = "";
      curStart = base + i + 1;
    } else cur += c;
  }
  out.push(cur);
  return { words: out, start: curStart };
}

function objectNames(state: ShellState, typeWord: string, ns: string): string[] {
  const ts = resolveType(typeWord, servedResourceTypes(state.cluster.settings));
  if (!ts) return [];
  return ts.flatMap((t) =>
    objects(state.cluster, t)
      .filter((o) => !t.namespaced || o.metadata.namespace === ns)
      .map((o) => o.metadata.name),
  );
}

function files(state: ShellState, partial: string): string[] {
  const slash = partial.lastIndexOf("/");
  const dirPart = slash < 0 ? "" : partial.slice(0, slash + 1);
  const dir = resolvePath(state.cwd, dirPart === "" ? "." : dirPart.replace(/^~\//, HOME + "/"));
  if (!isDir(state.files, dir)) return [];
  return listDir(state.files, dir).map((e) => dirPart + e.name + (e.dir ? "/" : ""));
}

function flagWords(flags: readonly FlagSpec[]): string[] {
  return flags.filter((f) => !f.hidden).flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
}

function findFlag(flags: readonly FlagSpec[], word: string): FlagSpec | undefined {
  return flags.find((f) => word === `--${f.name}` || (f.short !== undefined && word === `-${f.short}`));
}

/** Namespace named by -n/--namespace among the words (default: default). */
function nsOf(ws: readonly string[]): string {
  for (let i = 0; i < ws.length - 1; i++) if (ws[i] === "-n" || ws[i] === "--namespace") return ws[i + 1] ?? "default";
  const eq = ws.find((w) => w.startsWith("--namespace="));
  return eq ? eq.slice(12) : "default";
}

function flagValues(state: ShellState, spec: FlagSpec, ws: readonly string[], partial: string): string[] {
  if (spec.name === "namespace" || spec.name === "from-namespace" || spec.name === "to-namespace")
    return objectNames(state, "namespaces", "");
  if (spec.name === "filename" || spec.name === "values") return files(state, partial);
  if (["pod", "from-pod", "to-pod"].includes(spec.name)) {
    return objects(state.cluster, byPlural("pods")).map((p) =>
      p.metadata.namespace === "default" ? p.metadata.name : `${p.metadata.namespace}/${p.metadata.name}`,
    );
  }
  if (spec.name === "container") return [];
  void ws;
  return [...(spec.values ?? [])];
}

/** Completion for a program with a command table. */
function programWords(state: ShellState, spec: ProgramSpec, ws: readonly string[], partial: string): string[] {
  const path = [spec.name];
  let i = 1;
  for (; i < ws.length - 1; i++) {
    const w = ws[i] as string;
    if (w.startsWith("-")) {
      const f = findFlag(spec.globalFlags, w);
      if (f && f.type !== "bool" && !w.includes("=")) i++;
      continue;
    }
    if (
      spec.rows.some(
        (r) => r.path.length > path.length && r.path[path.length] === w && path.every((p, k) => r.path[k] === p),
      )
    )
      path.push(w);
    else break;
  }
  const row = spec.rows.find((r) => r.path.length === path.length && r.path.every((p, k) => p === path[k]));
  const children = [
    ...new Set(
      spec.rows
        .filter((r) => r.path.length > path.length && path.every((p, k) => r.path[k] === p))
        .map((r) => r.path[path.length] as string),
    ),
  ];
  const flags = [...(row?.flags ?? []), ...spec.globalFlags];
  const prev = ws[ws.length - 2] ?? "";
  const prevFlag = findFlag(flags, prev);
  if (prevFlag && prevFlag.type !== "bool") return flagValues(state, prevFlag, ws, partial);
  if (partial.startsWith("--") && partial.includes("=")) {
    const f = findFlag(flags, partial.slice(0, partial.indexOf("=")));
    return f ? flagValues(state, f, ws, "").map((v) => `${partial.slice(0, partial.indexOf("=") + 1)}${v}`) : [];
  }
  if (partial.startsWith("-")) return flagWords(flags);
  if (!row || children.length > 0) return children;
  const dash = ws.indexOf("--");
  if (dash >= 0 && dash < ws.length - 1) {
    const after = ws.slice(dash + 1);
    if (after.length === 1) return remoteCommandNames(ws.some((w) => /cilium/.test(w)));
    if (after[0] === "cilium-dbg" || after[0] === "cilium")
      return programWords(state, programSpec("cilium-dbg") as ProgramSpec, ["cilium-dbg", ...after.slice(1)], partial);
    return [];
  }
  // from the first word after the command path: global flags before it (`kubectl -n kube-system exec …`) are not arguments
  const positional = ws
    .slice(i, -1)
    .filter(
      (w, k, arr) =>
        !w.startsWith("-") &&
        !(
          k > 0 &&
          findFlag(flags, arr[k - 1] as string)?.type !== undefined &&
          findFlag(flags, arr[k - 1] as string)?.type !== "bool"
        ),
    );
  return argWords(state, row.args, positional, nsOf(ws), partial, spec.name, path);
}

function argWords(
  state: ShellState,
  args: string | undefined,
  positional: readonly string[],
  ns: string,
  partial: string,
  program: string,
  path: readonly string[],
): string[] {
  if (program === "cilium" && path[1] === "config" && path[2] === "set") {
    if (positional.length === 0) return ["enable-policy", "enable-host-firewall"];
    return positional[0] === "enable-policy" ? ["default", "always", "never"] : ["true", "false"];
  }
  if (program === "helm")
    return positional.length === 0 ? ["cilium"] : positional.length === 1 ? ["cilium/cilium"] : [];
  switch (args) {
    case "types-and-names": {
      if (positional.length === 0) {
        if (partial.includes("/"))
          return objectNames(state, partial.slice(0, partial.indexOf("/")), ns).map(
            (n) => `${partial.slice(0, partial.indexOf("/"))}/${n}`,
          );
        return [
          ...new Set(
            RESOURCES.filter((r) => servedResourceTypes(state.cluster.settings).includes(r)).flatMap((r) => [
              r.plural,
              ...r.shortNames,
            ]),
          ),
        ];
      }
      return objectNames(state, (positional[0] as string).split(",")[0] as string, ns);
    }
    case "pods": {
      if (positional.length > 0) return [];
      // TYPE/NAME of anything that runs pods (`ds/cilium`, `deploy/coredns`), like kubectl's own resolution
      const slash = partial.indexOf("/");
      if (slash >= 0) {
        const type = partial.slice(0, slash);
        const owners =
          resolveType(type, servedResourceTypes(state.cluster.settings))?.filter((t) => POD_OWNERS.has(t.plural)) ?? [];
        return owners.length > 0 ? objectNames(state, type, ns).map((n) => `${type}/${n}`) : [];
      }
      return [...objectNames(state, "pods", ns), ...(ns === "kube-system" ? ["ds/cilium"] : [])];
    }
    case "files":
      return files(state, partial);
    default:
      return [];
  }
}

/** Candidates for the word that ends at `cursor`. */
export function complete(state: ShellState, line: string, cursor: number = line.length): Completion {
  const text = line.slice(0, cursor);
  const { words: ws, start } = words(text);
  const partial = ws[ws.length - 1] ?? "";
  let all: string[];
  if (ws.length === 1) all = hostCommandNames();
  else {
    const prog = ws[0] as string;
    const spec = programSpec(prog);
    if (spec) all = programWords(state, spec, ws, partial);
    else if (FILE_COMMANDS.has(prog)) all = files(state, partial);
    else if (prog === "docker")
      all =
        ws.length === 2
          ? ["exec", "ps"]
          : ws.length === 3 || (ws.length === 4 && /^-/.test(ws[2] ?? ""))
            ? [
                ...objects(state.cluster, byPlural("nodes")).map((n) => n.metadata.name),
                ...externals(state.cluster).map((e) => e.name),
              ]
            : remoteCommandNames(false);
    else all = files(state, partial);
  }
  const candidates = [...new Set(all.filter((c) => c.startsWith(partial)))].sort();
  return { replaceFrom: start, candidates };
}
