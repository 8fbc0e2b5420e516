/**
 * Challenges read from content/challenges/NN-slug/ on the server: the parsed checks.yaml, the scenario and
 * its starting cluster (built once per process and shared: snapshots are immutable), the starting files
 * and the brief. The reference solution (solution.sh, wrong/*.sh) is never read here, so nothing that
 * loads a challenge for a page or a grade can leak it.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createCluster, type ClusterState } from "@/lib/cluster";
import { catalog, contentRoot, type ChallengeMeta } from "./catalog";
import { splitFrontmatter } from "./frontmatter";
import { readLabFiles, readScenarioText } from "./lab-files";
import { scenarioNamed } from "./scenarios";
import { parseChallengeChecks, type Challenge, type ChallengeCheck } from "@/lib/grading";
import { reproducibleDeps } from "@/lib/base/reproducible";

/** A challenge ready to grade (server only). */
export interface LoadedChallenge {
  readonly meta: ChallengeMeta;
  readonly challenge: Challenge;
  /** The scenario's starting cluster, shared by every grade of this challenge in this process. */
  readonly start: ClusterState;
}

/** A check as the challenge page may show it before any attempt: no flows, no details. */
export interface PublicCheck {
  readonly name: string;
  readonly title: string;
  readonly hidden: boolean;
  readonly needs: readonly string[];
  readonly weight: number;
}

/** Everything the challenge page needs (never the solution, never a check's definition). */
export interface ChallengePage {
  readonly meta: ChallengeMeta;
  /** The brief: index.mdx without its frontmatter. */
  readonly body: string;
  readonly file: string;
  readonly scenarioText: string;
  readonly files: Readonly<Record<string, string>>;
  readonly checks: readonly PublicCheck[];
}

/** Thrown when a challenge's checks.yaml is broken (content checks catch this at build time). */
export class ChallengeContentError extends Error {
  override readonly name = "ChallengeContentError";
}

/** Reads and parses `<dir>/checks.yaml`. */
export function readChecks(dir: string): ChallengeCheck[] {
  const file = path.join(dir, "checks.yaml");
  if (!existsSync(file)) throw new ChallengeContentError(`${file}: missing`);
  const parsed = parseChallengeChecks(readFileSync(file, "utf8"));
  if (!parsed.ok) throw new ChallengeContentError(parsed.errors.map((e) => `${file}: ${e}`).join("\n"));
  return parsed.checks;
}

const cache = new Map<string, LoadedChallenge>();

/** The gradable challenge with this slug, or null. Cached per process (content is part of the build). */
export function loadChallenge(slug: string): LoadedChallenge | null {
  const meta = catalog().challenges.find((c) => c.slug === slug);
  if (!meta) return null;
  const key = `${meta.dir}\0${slug}`;
  const hit = process.env.NODE_ENV === "development" ? undefined : cache.get(key);
  if (hit) return hit;
  const scenario = scenarioNamed(meta.scenario);
  const loaded: LoadedChallenge = {
    meta,
    challenge: { slug, scenario, checks: readChecks(meta.dir) },
    start: createCluster(scenario, reproducibleDeps()),
  };
  cache.set(key, loaded);
  return loaded;
}

/** The checks as the page lists them: name, title, hidden, needs, weight. */
export function publicChecks(checks: readonly ChallengeCheck[]): PublicCheck[] {
  return checks.map((c) => ({ name: c.name, title: c.title, hidden: c.hidden, needs: [...c.needs], weight: c.weight }));
}

/** The challenge page's data, or null for an unknown slug. */
export function loadChallengePage(slug: string): ChallengePage | null {
  const meta = catalog().challenges.find((c) => c.slug === slug);
  if (!meta) return null;
  const file = path.join(meta.dir, "index.mdx");
  return {
    meta,
    body: splitFrontmatter(readFileSync(file, "utf8")).body,
    file,
    scenarioText: readScenarioText(contentRoot(), meta.scenario),
    files: readLabFiles(meta.dir),
    checks: publicChecks(readChecks(meta.dir)),
  };
}
