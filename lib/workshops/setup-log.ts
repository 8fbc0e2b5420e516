import "server-only";
/** The set-up page's log line: a one-time token while no instructor exists, at most one a minute (setup-token.ts). */
import { db } from "@/lib/db";
import { printSetupTokenForVisit } from "./setup-token";

export async function printSetupToken(): Promise<void> {
  await printSetupTokenForVisit(db(), new Date());
}
