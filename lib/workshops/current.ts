import "server-only";
/** The instructor behind the current request (the session cookie), for pages and API routes. */
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import type { InstructorDto } from "./instructors";
import { instructorForToken, SESSION_COOKIE } from "./sessions";

export async function currentInstructor(): Promise<InstructorDto | null> {
  return instructorForToken(db(), (await cookies()).get(SESSION_COOKIE)?.value, new Date());
}
