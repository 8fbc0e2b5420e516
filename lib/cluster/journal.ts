/**
 * The journal: every successful mutation as JSON, so `replay(scenario, journal, deps)` rebuilds the
 * state (saved labs, server-side re-grading). Journals from the network go through parseJournal().
 */
import * as z from "zod";

export const JOURNAL_MAX_OPS = 2000;
export const JOURNAL_MAX_TEXT = 256 * 1024;
export const JOURNAL_MAX_TOTAL = 2 * 1024 * 1024;

const text = z.string().max(JOURNAL_MAX_TEXT);
/** When the operation ran (epoch ms): a replay gives objects their original creation times (AGE columns). */
const at = z.number().int().min(0).max(8.64e15).optional();
const name = z.string().min(1).max(253);

const client = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("pod"), namespace: name, name }),
  z.object({ kind: z.literal("node"), name }),
  z.object({ kind: z.literal("external"), name }),
]);

export const journalOpSchema = z.discriminatedUnion("op", [
  z.object({
    at,
    op: z.literal("apply"),
    source: z.string().max(1024),
    text,
    namespace: z.string().max(253).optional(),
  }),
  z.object({
    at,
    op: z.literal("create"),
    source: z.string().max(1024),
    text,
    namespace: z.string().max(253).optional(),
  }),
  z.object({
    at,
    op: z.literal("delete-text"),
    source: z.string().max(1024),
    text,
    namespace: z.string().max(253).optional(),
  }),
  z.object({
    at,
    op: z.literal("delete"),
    type: z.string().max(253),
    names: z.array(name).max(500),
    namespace: z.string().max(253).optional(),
    allNamespaces: z.boolean().optional(),
    selector: z.string().max(4096).optional(),
    all: z.boolean().optional(),
  }),
  z.object({
    at,
    op: z.literal("label"),
    type: z.string().max(253),
    names: z.array(name).max(500),
    namespace: z.string().max(253).optional(),
    labels: z.array(z.string().max(400)).max(100),
    overwrite: z.boolean(),
    selector: z.string().max(4096).optional(),
    all: z.boolean().optional(),
  }),
  z.object({
    at,
    op: z.literal("restart"),
    type: z.string().max(253),
    names: z.array(name).max(500),
    namespace: z.string().max(253).optional(),
    selector: z.string().max(4096).optional(),
  }),
  z.object({
    at,
    op: z.literal("setting"),
    settings: z.object({
      enforcementMode: z.enum(["default", "always", "never"]).optional(),
      hostFirewall: z.boolean().optional(),
      egressGateway: z.boolean().optional(),
      policyAuditMode: z.boolean().optional(),
      policyDenyResponse: z.enum(["none", "icmp"]).optional(),
      policyCidrMatchMode: z.enum(["", "nodes", "pods", "nodes pods"]).optional(),
      nodeSelectorLabels: z.boolean().optional(),
      hubbleDropEvents: z.boolean().optional(),
      hubbleDropEventsReasons: z.string().max(1024).optional(),
      clusterNetworkPolicy: z.boolean().optional(),
      clusterNetworkPolicyCrd: z.boolean().optional(),
      auditEndpoints: z.array(z.string().max(507)).max(1000).optional(),
    }),
  }),
  z.object({
    at,
    op: z.literal("connect"),
    request: z.object({
      from: client,
      host: z.string().max(253),
      port: z.number().int().min(0).max(65535),
      kind: z.enum(["http", "tcp", "udp", "icmp", "dns"]),
      http: z
        .object({
          method: z.string().max(16),
          path: z.string().max(2048),
          headers: z.record(z.string().max(256), z.string().max(4096)).optional(),
          body: z.string().max(65536).optional(),
          scheme: z.enum(["http", "https"]).optional(),
        })
        .optional(),
      dnsType: z.enum(["A", "AAAA"]).optional(),
      timeoutMs: z.number().int().min(0).max(600_000).optional(),
    }),
  }),
]);

export type JournalOp = z.infer<typeof journalOpSchema>;
export type Journal = readonly JournalOp[];

/** Validate an untrusted journal (size limits included). */
export function parseJournal(input: unknown): { ok: true; journal: Journal } | { ok: false; error: string } {
  const r = z.array(journalOpSchema).max(JOURNAL_MAX_OPS).safeParse(input);
  if (!r.success)
    return {
      ok: false,
      error: r.error.issues
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .slice(0, 5)
        .join("; "),
    };
  const total = JSON.stringify(r.data).length;
  if (total > JOURNAL_MAX_TOTAL)
    return { ok: false, error: `journal too large: ${total} bytes (max ${JOURNAL_MAX_TOTAL})` };
  return { ok: true, journal: r.data };
}
