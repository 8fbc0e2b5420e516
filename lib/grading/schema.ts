/**
 * The check language shared by lesson objectives and challenge checks (content/README.md). Parsed with zod at
 * the content boundary; inside, the types are trusted. Pure: runs in the browser (live ticks) and on the server.
 */
import * as z from "zod";
import { compileRe2 } from "./regex";

export const kebab = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case (a-z, 0-9, -)");

/** One simulated connection and the verdict a correct lab gives it. */
export const flowSchema = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  port: z.number().int().min(0).max(65535),
  protocol: z.enum(["TCP", "UDP", "SCTP"]).default("TCP"),
  http: z
    .strictObject({
      method: z.string().regex(/^[A-Z]+$/, "HTTP methods are upper-case"),
      path: z.string().startsWith("/"),
      host: z.string().min(1).optional(),
      headers: z.record(z.string(), z.string()).optional(),
    })
    .optional(),
  dns: z.string().min(1).optional(),
  expect: z.enum(["allowed", "dropped", "denied-l7"]),
  snatIP: z.ipv4().optional(),
  /** Egress gateway: true when the flow must leave through a gateway node (a CEGP applies), false when it must not. */
  egressGateway: z.boolean().optional(),
  /** Policy audit mode: true when policy would drop the flow but audit mode forwards it (Hubble's AUDIT), false when it must not be audited. */
  audited: z.boolean().optional(),
  /** A `log.value` that an allowing rule's policy carries into Hubble's policy_log for this flow. */
  policyLog: z.string().min(1).max(32).optional(),
  why: z.string().optional(),
});
export type ExpectedFlow = z.infer<typeof flowSchema>;

const constraintSchema = z.discriminatedUnion("rule", [
  z.strictObject({ rule: z.literal("only-kinds"), kinds: z.array(z.string().min(1)).min(1) }),
  /** Counts NetworkPolicy, CNP and CCNP unless `kinds` says otherwise. */
  z.strictObject({
    rule: z.literal("max-policies"),
    max: z.number().int().min(0),
    kinds: z.array(z.string().min(1)).min(1).optional(),
  }),
  z.strictObject({ rule: z.literal("no-entity"), entity: z.string().min(1) }),
  z.strictObject({ rule: z.literal("no-invalid-policies") }),
  z.strictObject({ rule: z.literal("host-policy-uses-node-selector") }),
  z.strictObject({ rule: z.literal("no-cidr"), cidr: z.string().min(1) }),
]);
export type Constraint = z.infer<typeof constraintSchema>;

export type Check =
  | { type: "flows"; flows: ExpectedFlow[] }
  /** An RE2 pattern, searched in each history line. */
  | { type: "command"; match: string }
  | {
      type: "resource";
      kind: string;
      namespace?: string;
      name?: string;
      labels?: Record<string, string>;
      valid?: boolean;
      count?: { min?: number; max?: number };
    }
  | {
      type: "setting";
      enforcementMode?: "default" | "always" | "never";
      hostFirewall?: boolean;
      policyAuditMode?: boolean;
    }
  | ({ type: "constraint" } & Constraint)
  | { type: "all"; checks: Check[] }
  | { type: "any"; checks: Check[] };

export const checkSchema: z.ZodType<Check> = z.lazy(() =>
  z.union([
    z.strictObject({ type: z.literal("flows"), flows: z.array(flowSchema).min(1) }),
    z.strictObject({
      type: z.literal("command"),
      match: z
        .string()
        .min(1)
        .superRefine((pattern, ctx) => {
          const c = compileRe2(pattern);
          if (!c.ok) ctx.addIssue({ code: "custom", message: `not a valid RE2 regex: ${c.error}` });
        }),
    }),
    z.strictObject({
      type: z.literal("resource"),
      kind: z.string().min(1),
      namespace: z.string().optional(),
      name: z.string().optional(),
      labels: z.record(z.string(), z.string()).optional(),
      valid: z.boolean().optional(),
      count: z
        .strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
        .optional(),
    }),
    z.strictObject({
      type: z.literal("setting"),
      enforcementMode: z.enum(["default", "always", "never"]).optional(),
      hostFirewall: z.boolean().optional(),
      /** The agent-wide `policy-audit-mode` (helm policyAuditMode, `cilium config set`). */
      policyAuditMode: z.boolean().optional(),
    }),
    ...constraintSchema.options.map((option) => option.extend({ type: z.literal("constraint") })),
    z.strictObject({ type: z.literal("all"), checks: z.array(checkSchema).min(1) }),
    z.strictObject({ type: z.literal("any"), checks: z.array(checkSchema).min(1) }),
  ]),
) as z.ZodType<Check>;

/** A lesson objective: a named check with a title the learner sees. */
export const objectiveSchema = z.strictObject({
  name: kebab,
  title: z.string().min(3),
  check: checkSchema,
  hint: z.string().optional(),
});
export type Objective = z.infer<typeof objectiveSchema>;
