import "server-only";
/** The set-up page's log line: a fresh one-time token while no instructor exists (setup-token.ts). */
import { db } from "@/lib/db";
import { printSetupToken as print } from "./setup-token";

export async function printSetupToken(): Promise<void> {
  await print(db(), new Date());
}
