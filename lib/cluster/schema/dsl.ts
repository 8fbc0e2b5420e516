/**
 * A tiny OpenAPI-like schema and its checker, worded like the API server:
 * unknown fields → strict decoding errors (`unknown field "spec.x"`, apiserver transformDecodeError);
 * type / enum / pattern / required problems → field.Error causes (apimachinery field/errors.go).
 */
import { re2 } from "#re2";
import { parsePrefix } from "@/lib/engine/ip";

/**
 * An `x-kubernetes-validations` rule (CEL), as a predicate on the value and the rule's message. The API server
 * reports a failed rule as `PATH: Invalid value: "TYPE": MESSAGE` (apiextensions-apiserver cel validation).
 */
export interface CelRule {
  readonly test: (v: unknown) => boolean;
  readonly message: string;
}

export type Schema =
  | {
      readonly t: "string";
      readonly enum?: readonly string[];
      readonly pattern?: string;
      readonly format?: "cidr" | "ipv4";
      /** In characters (kube-openapi counts runes); reported like field.TooLong. */
      readonly maxLength?: number;
      readonly cel?: readonly CelRule[];
    }
  | { readonly t: "integer"; readonly min?: number; readonly max?: number }
  | { readonly t: "boolean" }
  | { readonly t: "intOrString" }
  | { readonly t: "any" }
  | { readonly t: "map"; readonly values: Schema }
  | { readonly t: "array"; readonly items: Schema; readonly minItems?: number; readonly maxItems?: number }
  | {
      readonly t: "object";
      readonly props: Readonly<Record<string, Schema>>;
      readonly required?: readonly string[];
      readonly open?: boolean;
      readonly minProperties?: number;
      readonly maxProperties?: number;
      readonly cel?: readonly CelRule[];
    };

export interface SchemaProblems {
  readonly unknown: string[];
  readonly causes: string[];
}

export function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "string") return "string";
  return "object";
}

/**
 * A schema pattern as the API server applies it: an unanchored search (OpenAPI `pattern`), on RE2 — the
 * values come from learners, and the CRDs' patterns (`^([-a-zA-Z0-9_]+[.]?)+$`) backtrack exponentially in
 * V8's RegExp. The patterns are the schemas' own constants, so the cache stays small.
 */
const compiledPatterns = new Map<string, (v: string) => boolean>();
export function patternMatches(pattern: string, v: string): boolean {
  let test = compiledPatterns.get(pattern);
  if (!test) {
    const r = re2().compile(pattern);
    test = (s) => r.matcher(s).find();
    compiledPatterns.set(pattern, test);
  }
  return test(v);
}

const quote = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : String(v));

function typeError(path: string, v: unknown, want: string): string {
  const got = jsonType(v);
  return `${path}: Invalid value: "${got}": ${path} in body must be of type ${want}: "${got}"`;
}

function checkString(s: Extract<Schema, { t: "string" }>, v: string, path: string, out: SchemaProblems): void {
  if (s.enum && !s.enum.includes(v)) {
    out.causes.push(
      `${path}: Unsupported value: ${quote(v)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(", ")}`,
    );
  }
  if (s.maxLength !== undefined && [...v].length > s.maxLength) {
    // apiextensions kubeOpenAPIResultToFieldErrors → field.TooLong (apimachinery ≥ 1.32 wording).
    out.causes.push(`${path}: Too long: may not be more than ${s.maxLength} bytes`);
  }
  if (s.pattern && !patternMatches(s.pattern, v)) {
    out.causes.push(`${path}: Invalid value: ${quote(v)}: ${path} in body should match '${s.pattern}'`);
  }
  if (s.format === "cidr" && !parsePrefix(v).ok) {
    out.causes.push(`${path}: Invalid value: ${quote(v)}: ${path} in body must be of type cidr: ${quote(v)}`);
  }
  if (s.format === "ipv4" && !/^(\d{1,3})(\.\d{1,3}){3}$/.test(v)) {
    out.causes.push(`${path}: Invalid value: ${quote(v)}: ${path} in body must be of type ipv4: ${quote(v)}`);
  }
}

function celCauses(rules: readonly CelRule[] | undefined, v: unknown, type: string, path: string, out: SchemaProblems) {
  for (const r of rules ?? []) if (!r.test(v)) out.causes.push(`${path}: Invalid value: "${type}": ${r.message}`);
}

export function check(s: Schema, v: unknown, path: string, out: SchemaProblems): void {
  if (v === null || v === undefined) return; // null is dropped like an omitted field
  switch (s.t) {
    case "any":
      return;
    case "string":
      if (typeof v !== "string") out.causes.push(typeError(path, v, "string"));
      else {
        checkString(s, v, path, out);
        celCauses(s.cel, v, "string", path, out);
      }
      return;
    case "integer":
      if (typeof v !== "number" || !Number.isInteger(v)) {
        out.causes.push(typeError(path, v, "integer"));
        return;
      }
      if (s.min !== undefined && v < s.min)
        out.causes.push(`${path}: Invalid value: ${v}: ${path} in body should be greater than or equal to ${s.min}`);
      if (s.max !== undefined && v > s.max)
        out.causes.push(`${path}: Invalid value: ${v}: ${path} in body should be less than or equal to ${s.max}`);
      return;
    case "boolean":
      if (typeof v !== "boolean") out.causes.push(typeError(path, v, "boolean"));
      return;
    case "intOrString":
      if (typeof v !== "string" && !(typeof v === "number" && Number.isInteger(v)))
        out.causes.push(typeError(path, v, "integer-or-string"));
      return;
    case "map":
      if (jsonType(v) !== "object") {
        out.causes.push(typeError(path, v, "object"));
        return;
      }
      for (const [k, x] of Object.entries(v as object)) check(s.values, x, `${path}.${k}`, out);
      return;
    case "array":
      if (!Array.isArray(v)) {
        out.causes.push(typeError(path, v, "array"));
        return;
      }
      if (s.minItems !== undefined && v.length < s.minItems)
        out.causes.push(
          `${path}: Invalid value: ${v.length}: ${path} in body should have at least ${s.minItems} items`,
        );
      if (s.maxItems !== undefined && v.length > s.maxItems)
        out.causes.push(`${path}: Too many: ${v.length}: must have at most ${s.maxItems} items`);
      v.forEach((x, i) => check(s.items, x, `${path}[${i}]`, out));
      return;
    case "object": {
      if (jsonType(v) !== "object") {
        out.causes.push(typeError(path, v, "object"));
        return;
      }
      const o = v as Record<string, unknown>;
      const n = Object.values(o).filter((x) => x !== null && x !== undefined).length;
      if (s.minProperties !== undefined && n < s.minProperties)
        out.causes.push(
          `${path}: Invalid value: ${n}: ${path} in body should have at least ${s.minProperties} properties`,
        );
      if (s.maxProperties !== undefined && n > s.maxProperties)
        out.causes.push(`${path}: Too many: ${n}: must have at most ${s.maxProperties} items`);
      for (const r of s.required ?? [])
        if (o[r] === undefined || o[r] === null) out.causes.push(`${path ? `${path}.` : ""}${r}: Required value`);
      for (const [k, x] of Object.entries(o)) {
        const sub = s.props[k];
        const p = path ? `${path}.${k}` : k;
        if (!sub) {
          if (!s.open) out.unknown.push(p);
          continue;
        }
        check(sub, x, p, out);
      }
      celCauses(s.cel, v, "object", path, out);
    }
  }
}
