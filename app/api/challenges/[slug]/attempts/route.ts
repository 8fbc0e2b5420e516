/**
 * A learner's attempts at a challenge. POST grades a submission on the server and stores it: the body is
 * data (`{ journal, commands }` or `{ manifests, commands }`), never a claim about the result; the response
 * is the learner's view of the grade (hidden checks without their flows). GET summarises the attempts so
 * the page can show them after a reload. Contract: lib/challenges/README.md.
 */
import { NextResponse, type NextRequest } from "next/server";
import { attemptsSummary, checkRateLimit, rateLimitFromEnv, recordAttempt } from "@/lib/challenges/attempts";
import { gradePublic } from "@/lib/challenges/grade";
import { readLimitedBody } from "@/lib/challenges/http";
import { loadChallenge } from "@/lib/challenges/load";
import { MAX_ATTEMPT_BYTES, parseAttemptBody } from "@/lib/challenges/submission";
import { db } from "@/lib/db";
import { withStorageFaults } from "@/lib/db/faults";
import { currentLearnerId } from "@/lib/progress/current";

type Context = { params: Promise<{ slug: string }> };

const NO_STORE = { "cache-control": "no-store" };

const error = (status: number, message: string, headers: Record<string, string> = {}) =>
  NextResponse.json({ error: message }, { status, headers: { ...NO_STORE, ...headers } });

async function post(request: NextRequest, { params }: Context) {
  const { slug } = await params;
  const loaded = loadChallenge(slug);
  if (!loaded) return error(404, `no challenge "${slug}"`);
  const learnerId = await currentLearnerId();
  if (!learnerId) return error(401, "no learner cookie: enable cookies for this site to submit attempts");

  const body = await readLimitedBody(request, MAX_ATTEMPT_BYTES);
  if (!body.ok) return error(413, `an attempt is limited to ${MAX_ATTEMPT_BYTES / 1024} KB`);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return error(400, "the body is not JSON");
  }
  const parsed = parseAttemptBody(json);
  if (!parsed.ok) return error(400, `invalid attempt: ${parsed.error}`);

  const now = new Date();
  const limit = await checkRateLimit(db(), learnerId, now, rateLimitFromEnv());
  if (!limit.allowed) {
    return error(429, `too many attempts: try again in ${limit.retryAfterSeconds} s`, { "retry-after": String(limit.retryAfterSeconds) });
  }

  const result = gradePublic(loaded, parsed.submission);
  const attempt = await recordAttempt(db(), { learnerId, challengeSlug: slug, submission: parsed.stored, result, now });
  // The stored result (capped: a grade's messages can quote a huge input), so a reload shows the same.
  return NextResponse.json(attempt.result, {
    status: 201,
    headers: { ...NO_STORE, "x-attempt-id": attempt.id },
  });
}

async function get(_request: NextRequest, { params }: Context) {
  const { slug } = await params;
  if (!loadChallenge(slug)) return error(404, `no challenge "${slug}"`);
  const learnerId = await currentLearnerId();
  if (!learnerId) return NextResponse.json({ attempts: 0, bestScore: 0, passed: false, last: null }, { headers: NO_STORE });
  return NextResponse.json(await attemptsSummary(db(), learnerId, slug), { headers: NO_STORE });
}

// A database that cannot store or answer (disk full, file gone, server unreachable) is a 503 with a message.
export const POST = withStorageFaults(post);
export const GET = withStorageFaults(get);
