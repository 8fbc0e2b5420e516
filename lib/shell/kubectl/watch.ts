/**
 * kubectl get --watch (kubectl pkg/cmd/get/get.go watch): the current objects first, then one row per change
 * as the lab makes it — a new or changed object prints its row, a deleted one its last state (a Pod as
 * Terminating), an object that stops matching the label selector its current state — with no header after the
 * first, in a tabwriter that remembers its column widths. One resource type only.
 */
import type { ClusterState } from "@/lib/cluster";
import type { KObject } from "../cluster/api";
import { objects as objectsOf } from "../cluster/ops";
import { boolFlag, type ParsedFlags } from "../flags";
import { RememberingTable } from "../printers/tabwriter";
import type { Follow } from "../types";
import { printObjects } from "./output";
import type { ResourceType } from "./resources";
import { matches, type Requirement } from "./selector";
import { tableCells } from "./tables";

export interface WatchRequest {
  readonly type: ResourceType;
  /** Watch only these names (empty: the whole collection). */
  readonly names: readonly string[];
  readonly inScope: (o: KObject) => boolean;
  readonly selector: readonly Requirement[];
  readonly flags: ParsedFlags;
  /** -o value ("" for the table). */
  readonly output: string;
  readonly allNamespaces: boolean;
  readonly labelColumns: readonly string[];
}

export interface Watch {
  /** Prints objects in the watch's format (the first call prints the table's header). */
  print(objects: readonly KObject[], now: number): { ok: boolean; text: string };
  /** The running watch, over the objects already printed. */
  follow(cluster: ClusterState, printed: readonly KObject[]): Follow;
}

const key = (o: KObject): string => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;

export function startWatch(req: WatchRequest): Watch {
  const table = new RememberingTable();
  let headerDone = boolFlag(req.flags, "no-headers");
  let printedCount = 0;
  const machine = req.output !== "" && req.output !== "wide";

  const print = (objects: readonly KObject[], now: number): { ok: boolean; text: string } => {
    if (objects.length === 0) return { ok: true, text: "" };
    if (machine) {
      let text = "";
      for (const obj of objects) {
        const r = printObjects(req.output, [{ type: req.type, obj }], true);
        if (!r.ok) return { ok: false, text: r.error };
        // the YAML printer separates every object after its first with ---
        text += (req.output === "yaml" && printedCount > 0 ? "---\n" : "") + r.text;
        printedCount++;
      }
      return { ok: true, text };
    }
    const { header, rows } = tableCells(req.type, objects, req.flags, now, req.allNamespaces, false, req.labelColumns);
    const text = table.flush(headerDone ? rows : [header, ...rows]);
    headerDone = true;
    return { ok: true, text };
  };

  const watched = (o: KObject): boolean =>
    req.inScope(o) && (req.names.length === 0 || req.names.includes(o.metadata.name));

  return {
    print,
    follow(cluster, printed) {
      let known = new Map(printed.map((o) => [key(o), o]));
      let last = cluster;
      return {
        poll(state, now) {
          if (state.cluster === last) return { output: "" };
          last = state.cluster;
          const all = objectsOf(state.cluster, req.type).filter(watched);
          const byKey = new Map(all.map((o) => [key(o), o]));
          const current = all.filter((o) => matches(req.selector, o.metadata.labels));
          const changed = current.filter((o) => {
            const before = known.get(key(o));
            return before === undefined || before.metadata.resourceVersion !== o.metadata.resourceVersion;
          });
          changed.sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
          const stillHere = new Set(current.map(key));
          const gone: KObject[] = [];
          for (const [k, before] of known) {
            if (stillHere.has(k)) continue;
            const now_ = byKey.get(k);
            // left the selector: the API server's DELETED event carries the object as it is now
            gone.push(now_ ?? deleted(before, now));
          }
          known = new Map(current.map((o) => [key(o), o]));
          const r = print([...changed, ...gone], now);
          return { output: r.ok ? r.text : "" };
        },
      };
    },
  };
}

/** A deleted object's last state: the deletion timestamp set (a Pod's STATUS reads Terminating). */
function deleted(o: KObject, now: number): KObject {
  return { ...o, metadata: { ...o.metadata, deletionTimestamp: new Date(now).toISOString() } as KObject["metadata"] };
}
