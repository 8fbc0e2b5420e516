/**
 * Runs once when a server process starts (Next.js's instrumentation hook). Under `npm start` it hands the
 * server worker (scripts/next-worker.mjs) the attempt route's fast path, compiled with the app so it is
 * the same code as the route's (lib/http/fast-path.ts). Plain `next start` and `next dev` never call it.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installFastPath } = await import("@/lib/http/fast-path");
  installFastPath();
}
