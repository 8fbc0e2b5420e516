/**
 * The API's request and response bodies, shared by the route handlers (which answer with exactly these) and
 * the browser code that calls them. Types (and one identity function): nothing here grows a bundle.
 * Contract in prose: README.md.
 */
import type { PublicGradeResult } from "@/lib/grading";
import type { LabSnapshot } from "@/lib/progress/lab-snapshot";

/** Every refusal (4xx/5xx): what went wrong, in words a learner can act on. */
export type ApiErrorBody = { readonly error: string };

/** `POST /api/challenges/[slug]/attempts`: what the lab did (or a YAML file), never a claim about the result. */
export type AttemptRequest =
  | { readonly journal: readonly unknown[]; readonly commands: readonly string[] }
  | { readonly manifests: string; readonly commands?: readonly string[] };

/** 201 answer of an attempt (header `x-attempt-id`): the learner's view of the grade. */
export type AttemptResponse = PublicGradeResult;

/** `GET /api/challenges/[slug]/attempts`. Dates are ISO strings on the wire. */
export type AttemptsSummaryResponse = {
  readonly attempts: number;
  readonly bestScore: number;
  readonly passed: boolean;
  readonly last: {
    readonly id: string;
    readonly createdAt: string;
    readonly score: number;
    readonly passed: boolean;
    readonly result: PublicGradeResult;
  } | null;
};

/** `GET /api/lessons/[slug]/lab`. */
export type LessonLabResponse = {
  readonly snapshot: LabSnapshot | null;
  readonly objectivesMet: readonly string[];
  readonly completed: boolean;
};

/** `PUT /api/lessons/[slug]/lab` (the body is a LabSnapshot): the objectives the server found met. */
export type LessonSaveResponse = { readonly objectivesMet: readonly string[]; readonly completed: boolean };

/** `GET /api/challenges/[slug]/lab`. */
export type ChallengeLabResponse = { readonly snapshot: LabSnapshot | null };

/** `PUT /api/challenges/[slug]/lab`. */
export type ChallengeLabSaveResponse = { readonly saved: true };

/** The JSON form of a server-side value (Dates become ISO strings, as Response.json writes them). */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? readonly Wire<U>[]
    : T extends object
      ? { readonly [K in keyof T]: Wire<T[K]> }
      : T;

/** A server-side value as it goes out: the compiler then checks it against the route's response type. */
export const wire = <T>(value: T): Wire<T> => value as unknown as Wire<T>;
