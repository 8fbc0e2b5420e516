// Types for admission.mjs (plain JavaScript: the workers run it without a TypeScript loader).
import type { ServerResponse } from "node:http";

export interface AdmissionLimits {
  readonly active: number;
  readonly waitMs: number;
  readonly maxWaiting: number;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export function admissionLimits(env?: Readonly<Record<string, string | undefined>>): AdmissionLimits;
export function attemptSlug(method: string | undefined, url: string | undefined): string | null;
export function learnerWork(method: string | undefined, url: string | undefined): "grade" | "save" | null;
export class AdmissionGate {
  constructor(limits: AdmissionLimits, timers?: Timers);
  readonly active: number;
  readonly refused: number;
  enter(): Promise<(() => void) | null>;
}
export function refuseBusy(res: ServerResponse, work: "grade" | "save"): void;
