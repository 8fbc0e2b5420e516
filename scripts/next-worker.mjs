// One server worker of scripts/serve.ts: the production build behind an HTTP server whose connection
// limits we set (scripts/server-limits.mjs) — `next start` creates its server with Node's defaults and
// exposes only the keep-alive timeout. Run by node:cluster as `next-worker.mjs PORT [HOST]`.
import http from "node:http";
import path from "node:path";
import { AdmissionGate, admissionLimits, learnerWork, refuseBusy } from "./admission.mjs";
import { applyLimits, fileLimits, serverLimits, serverOptions } from "./server-limits.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const [portArg = "3000", host] = process.argv.slice(2);
const port = Number(portArg);

// A worker whose primary is gone exits instead of living on as an orphan that still holds the port's
// connections and a core.
process.on("disconnect", () => process.exit(0));

// What `next start` sets before loading the server (bin/next.ts, start-server.ts).
process.env.NODE_ENV = "production";
process.title = "next-server (policy-lab)";
const { default: next } = await import("next");

const app = next({ dev: false, dir: ROOT, port, ...(host ? { hostname: host } : {}) });
const limits = serverLimits(fileLimits()?.soft ?? null);
// Grading and lab saves wait their turn here, so a class's burst never starves page loads (admission.mjs).
const gate = new AdmissionGate(admissionLimits());
/** @type {((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null} */
let handle = null;
/** @typedef {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>} ServeFast */
/** The fast path, once instrumentation.ts has installed it (Next.js runs that hook when it first needs it). */
const serveFast = () => /** @type {{ policyLabServeFast?: ServeFast }} */ (globalThis).policyLabServeFast;

const ready = app.prepare().then(
  () => {
    handle = app.getRequestHandler();
    console.log(
      `policy-lab: worker ${process.pid} ready on ${host ?? "*"}:${port} (max ${limits.maxConnections} connections)`,
    );
  },
  (error) => {
    console.error("policy-lab: the worker could not load the build", error);
    process.exit(1);
  },
);

const server = applyLimits(
  http.createServer(serverOptions(limits), async (req, res) => {
    try {
      // Listening starts before Next has loaded (as `next start` does), so a respawned worker takes over
      // the connections waiting on the port at once; they are answered as soon as it is ready.
      await ready;
      const work = learnerWork(req.method, req.url);
      if (work !== null) {
        const release = await gate.enter();
        if (release === null) return refuseBusy(res, work);
        res.once("close", release);
        // The client left while it waited: nothing to do, and its slot goes to the next one.
        if (req.socket.destroyed) return release();
      }
      // A graded attempt is answered without Next.js's routing (lib/http/fast-path.ts, installed by
      // instrumentation.ts); everything else, and every attempt if it is missing, goes to Next.js.
      const fast = work === "grade" ? serveFast() : undefined;
      if (fast && (await fast(req, res))) return;
      await /** @type {NonNullable<typeof handle>} */ (handle)(req, res);
    } catch (error) {
      console.error(`policy-lab: failed to handle ${req.method} ${req.url}`, error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal Server Error");
      } else res.destroy();
    }
  }),
  limits,
);
server.on("error", (error) => {
  console.error("policy-lab: the server failed", error);
  process.exit(1);
});
server.listen({ port, host, backlog: limits.backlog }, () => {
  const address = server.address();
  const origin = `http://${host ?? "localhost"}:${typeof address === "object" && address ? address.port : port}`;
  // Next reads these for forwarded server actions (start-server.ts sets them the same way).
  process.env.PORT = String(port);
  process.env.__NEXT_PRIVATE_ORIGIN = origin;
});
