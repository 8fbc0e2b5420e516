/**
 * A challenge's `checks.yaml` (content/README.md "checks.yaml"): named checks with titles, weights, `needs`,
 * `hidden` and hints that can look at the learner's state. Parsed from text with zod into internal types;
 * the server-side reader that touches files lives in lib/content/challenges.ts.
 */
import { parse as parseYaml } from "yaml";
import * as z from "zod";
import { checkSchema, kebab, type Check } from "./schema";

const verdict = z.enum(["allowed", "dropped", "denied-l7"]);

/** Selects failing flows of the same check: every given field must equal the flow's. */
const flowMatcherSchema = z
  .strictObject({
    from: z.string().min(1).optional(),
    to: z.string().min(1).optional(),
    port: z.number().int().min(0).max(65535).optional(),
    method: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    expect: verdict.optional(),
    actual: z.enum(["allowed", "dropped", "denied-l7", "error"]).optional(),
  })
  .refine((m) => Object.keys(m).length > 0, "a flow matcher needs at least one field");

/** When a hint applies; every given condition must hold. */
const hintWhenSchema = z
  .strictObject({
    /** A flow of this check failed, and it matches these fields. */
    flow: flowMatcherSchema.optional(),
    /** This check holds on the learner's state (e.g. "a CNP with VALID=False exists"). */
    state: checkSchema.optional(),
    /** The submission had problems (rejected or invalid policies): true, or false for none. */
    errors: z.boolean().optional(),
  })
  .refine(
    (w) => w.flow !== undefined || w.state !== undefined || w.errors !== undefined,
    "`when` needs flow, state or errors",
  );

const hintRuleSchema = z.strictObject({ when: hintWhenSchema, text: z.string().min(3) });

export type FlowMatcher = z.infer<typeof flowMatcherSchema>;
export type HintRule = {
  readonly when: { readonly flow?: FlowMatcher; readonly state?: Check; readonly errors?: boolean };
  readonly text: string;
};

/** Command checks grade keystrokes the client reports; a challenge grades state only (STYLE.md rule 9). */
function containsCommand(check: Check): boolean {
  if (check.type === "command") return true;
  if (check.type === "all" || check.type === "any") return check.checks.some(containsCommand);
  return false;
}

export const challengeCheckSchema = z
  .strictObject({
    name: kebab,
    title: z.string().min(3),
    check: checkSchema,
    /** The learner sees that it passed or failed, never its flows or details. */
    hidden: z.boolean().default(false),
    /** Evaluated only once these checks pass; "blocked" otherwise. */
    needs: z.array(kebab).default([]),
    /** Share of the score (default 1). */
    weight: z.number().int().min(1).max(100).default(1),
    /** Shown when the check fails and no `hints` rule matches. */
    hint: z.string().min(3).optional(),
    /** Tried in order; the first whose `when` holds is shown. */
    hints: z.array(hintRuleSchema).default([]),
  })
  .superRefine((c, ctx) => {
    if (containsCommand(c.check)) {
      ctx.addIssue({
        code: "custom",
        path: ["check"],
        message: "challenges grade the cluster's state: `command` checks are for lesson objectives only",
      });
    }
  });

export type ChallengeCheck = {
  readonly name: string;
  readonly title: string;
  readonly check: Check;
  readonly hidden: boolean;
  readonly needs: readonly string[];
  readonly weight: number;
  readonly hint?: string;
  readonly hints: readonly HintRule[];
};

/** Names must be unique, `needs` must name earlier-or-later checks of the same file, without cycles. */
function checkGraph(checks: readonly { name: string; needs: readonly string[] }[], ctx: z.RefinementCtx): void {
  const names = new Map<string, number>();
  checks.forEach((c, i) => {
    if (names.has(c.name))
      ctx.addIssue({ code: "custom", path: ["checks", i, "name"], message: `duplicate check "${c.name}"` });
    names.set(c.name, i);
  });
  checks.forEach((c, i) =>
    c.needs.forEach((n, j) => {
      if (!names.has(n))
        ctx.addIssue({ code: "custom", path: ["checks", i, "needs", j], message: `unknown check "${n}"` });
      if (n === c.name)
        ctx.addIssue({ code: "custom", path: ["checks", i, "needs", j], message: "a check cannot need itself" });
    }),
  );
  const state = new Map<string, "visiting" | "done">();
  const byName = new Map(checks.map((c) => [c.name, c]));
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      ctx.addIssue({
        code: "custom",
        path: ["checks"],
        message: `needs form a cycle: ${[...trail, name].join(" → ")}`,
      });
      return;
    }
    state.set(name, "visiting");
    for (const n of byName.get(name)?.needs ?? []) if (byName.has(n) && n !== name) visit(n, [...trail, name]);
    state.set(name, "done");
  };
  for (const c of checks) visit(c.name, []);
}

export const checksFileSchema = z
  .strictObject({ checks: z.array(challengeCheckSchema).min(1) })
  .superRefine((file, ctx) => {
    checkGraph(file.checks, ctx);
    if (file.checks.length > 0 && file.checks.every((c) => c.hidden))
      ctx.addIssue({ code: "custom", path: ["checks"], message: "at least one check must be visible" });
  });

export type ParsedChecks = { ok: true; checks: ChallengeCheck[] } | { ok: false; errors: string[] };

/** Parses the text of a checks.yaml. Errors read `field.path: message`. */
export function parseChallengeChecks(text: string): ParsedChecks {
  let data: unknown;
  try {
    data = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    return { ok: false, errors: [`YAML: ${(error as Error).message}`] };
  }
  const parsed = checksFileSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(file)"}: ${i.message}`),
    };
  }
  return { ok: true, checks: parsed.data.checks as ChallengeCheck[] };
}

/** Checks in an order where every check comes after the ones it needs (stable otherwise). */
export function orderByNeeds(checks: readonly ChallengeCheck[]): ChallengeCheck[] {
  const out: ChallengeCheck[] = [];
  const placed = new Set<string>();
  const byName = new Map(checks.map((c) => [c.name, c]));
  const place = (c: ChallengeCheck, depth: number): void => {
    if (placed.has(c.name) || depth > checks.length) return;
    for (const n of c.needs) {
      const dep = byName.get(n);
      if (dep) place(dep, depth + 1);
    }
    placed.add(c.name);
    out.push(c);
  };
  for (const c of checks) place(c, 0);
  return out;
}
