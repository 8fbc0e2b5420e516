"use server";
/** Mutations of the progress page: the learner's display name, and "start over". */
import { revalidatePath } from "next/cache";
import * as z from "zod";
import { db } from "@/lib/db";
import { faultLogLine, storageFault } from "@/lib/db/faults";
import { currentLearnerId } from "@/lib/progress/current";
import { setDisplayName } from "@/lib/progress/learners";
import { clearProgress } from "@/lib/progress/reset";
import type { ActionState } from "@/lib/progress/action-state";

/** A storage fault (disk full, database unreachable…) is told as such, never as a saved change. */
async function storing(write: () => Promise<ActionState>): Promise<ActionState> {
  try {
    return await write();
  } catch (error) {
    const fault = storageFault(error);
    if (!fault) throw error;
    console.error(faultLogLine(fault, error));
    return { ok: false, message: `Not saved: ${fault.message}.` };
  }
}

const nameSchema = z
  .string()
  .trim()
  .max(40, "Keep it under 40 characters.")
  .regex(/^[\p{L}\p{N} ._'-]*$/u, "Letters, digits, spaces and . _ ' - only.");

export async function saveDisplayName(_prev: ActionState, form: FormData): Promise<ActionState> {
  const id = await currentLearnerId();
  if (!id) return { ok: false, message: "Your browser did not send the learner cookie; enable cookies for this site." };
  const parsed = nameSchema.safeParse(form.get("displayName") ?? "");
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Invalid name." };
  return storing(async () => {
    const learner = await setDisplayName(db(), id, parsed.data);
    revalidatePath("/progress");
    return { ok: true, message: learner.displayName ? `Saved. Hello, ${learner.displayName}!` : "Name cleared." };
  });
}

export async function startOver(_prev: ActionState, form: FormData): Promise<ActionState> {
  const id = await currentLearnerId();
  if (!id) return { ok: false, message: "Your browser did not send the learner cookie; enable cookies for this site." };
  if (form.get("confirm") !== "start over") return { ok: false, message: 'Type "start over" to confirm.' };
  return storing(async () => {
    const cleared = await clearProgress(db(), id);
    revalidatePath("/", "layout");
    return { ok: true, message: `Cleared ${cleared.lessons} lesson labs and ${cleared.attempts} challenge attempts.` };
  });
}
