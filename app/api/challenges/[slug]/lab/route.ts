/**
 * A learner's lab for one challenge: GET restores it after a reload, PUT saves it as they work. Saving is
 * not submitting: only an attempt (../attempts) is graded.
 */
import { NextResponse, type NextRequest } from "next/server";
import { catalog } from "@/lib/content/catalog";
import { db } from "@/lib/db";
import { withStorageFaults } from "@/lib/db/faults";
import { loadChallengeLab, saveChallengeLab } from "@/lib/progress/challenge-labs";
import { currentLearnerId } from "@/lib/progress/current";
import { readLabBody } from "@/lib/progress/lab-request";

type Context = { params: Promise<{ slug: string }> };

const error = (status: number, message: string) => NextResponse.json({ error: message }, { status });
const exists = (slug: string) => catalog().challenges.some((c) => c.slug === slug);

async function get(_request: NextRequest, { params }: Context) {
  const { slug } = await params;
  if (!exists(slug)) return error(404, `no challenge "${slug}"`);
  const learnerId = await currentLearnerId();
  const snapshot = learnerId ? await loadChallengeLab(db(), learnerId, slug) : null;
  return NextResponse.json({ snapshot }, { headers: { "cache-control": "no-store" } });
}

async function put(request: NextRequest, { params }: Context) {
  const { slug } = await params;
  if (!exists(slug)) return error(404, `no challenge "${slug}"`);
  const learnerId = await currentLearnerId();
  if (!learnerId) return error(401, "no learner cookie: enable cookies for this site to save your lab");
  const body = await readLabBody(request);
  if (!body.ok) return error(body.status, body.message);
  await saveChallengeLab(db(), learnerId, slug, body.snapshot);
  return NextResponse.json({ saved: true });
}

// A database that cannot store or answer (disk full, file gone, server unreachable) is a 503 with a message.
export const GET = withStorageFaults(get);
export const PUT = withStorageFaults(put);
