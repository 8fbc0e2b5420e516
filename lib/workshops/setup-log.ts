import "server-only";
/** Prints a one-time set-up token to the server log while no instructor exists (at start-up and on the set-up page). */
import { db } from "@/lib/db";
import { issueSetupToken } from "./instructors";

export async function printSetupToken(): Promise<void> {
  const token = await issueSetupToken(db(), new Date());
  if (token)
    console.log(
      `policy-lab: no instructor account yet. Set one up at /instructor/setup with the one-time token ${token} (or: npm run -s instructor:create -- --email ADDRESS)`,
    );
}
