// A stand-in worker for pool.test.ts, speaking the pool's protocol: jobs that answer, throw, spin forever
// or allocate without end, so the pool's budgets can be tested without depending on how fast the engine is.
import { parentPort, threadId } from "node:worker_threads";

parentPort.postMessage({ ready: true });
parentPort.on("message", ({ id, job }) => {
  if (job.kind === "echo") parentPort.postMessage({ id, ok: true, value: { echo: job.value, threadId } });
  else if (job.kind === "throw") parentPort.postMessage({ id, ok: false, message: "bad input" });
  else if (job.kind === "sleep") setTimeout(() => parentPort.postMessage({ id, ok: true, value: "slept" }), job.ms);
  else if (job.kind === "spin") for (;;);
  else if (job.kind === "alloc") {
    const hoard = [];
    for (;;) hoard.push(new Array(1e5).fill(hoard.length));
  }
});
