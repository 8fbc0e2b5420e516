import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { halfSentFlood } from "../lib/testing/flood";
import { applyLimits, serverLimits, serverOptions, type ServerLimits } from "./server-limits.mjs";

const servers: http.Server[] = [];
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.close(r), s.closeAllConnections()))));
});

/** A server with the workers' limits (timeouts shortened so the test is quick) answering "ok". */
async function limitedServer(overrides: Partial<ServerLimits>): Promise<{ server: http.Server; port: number }> {
  const limits = { ...serverLimits(20_000), ...overrides };
  const server = applyLimits(
    http.createServer(serverOptions(limits), (_req, res) => res.end("ok")),
    limits,
  );
  servers.push(server);
  await new Promise<void>((r) => server.listen({ port: 0, host: "127.0.0.1", backlog: limits.backlog }, r));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Opens `n` connections that each send half a request and wait; resolves once all are connected. */
async function halfSent(port: number, n: number): Promise<net.Socket[]> {
  const opened = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Socket>((resolve) => {
          const s = net.connect(port, "127.0.0.1", () => {
            s.write("GET / HTTP/1.1\r\nHost: lab\r\n");
            resolve(s);
          });
          s.on("error", () => resolve(s));
          sockets.push(s);
        }),
    ),
  );
  return opened;
}

/** A GET that must be answered within `ms` (an abort is a failure, not a slow pass). */
async function getWithin(port: number, ms: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(ms) });
  return res.text();
}

const closed = (s: net.Socket) =>
  new Promise<string>((resolve) => {
    let got = "";
    s.on("data", (d) => (got += String(d)));
    if (s.destroyed) resolve(got);
    else s.on("close", () => resolve(got));
  });

describe("the server workers' connection limits", () => {
  it.each([
    [null, 64],
    [1024, 64],
    [4096, 3072],
    [20_000, 10_000],
    [Number.POSITIVE_INFINITY, 10_000],
  ])("with a soft open-files limit of %s a worker keeps at most %i connections", (soft, max) => {
    expect(serverLimits(soft).maxConnections).toBe(max);
  });

  it("drops a half-sent request with 408 once the headers timeout has passed, and still serves others meanwhile", async () => {
    const { port } = await limitedServer({ headersTimeout: 300, requestTimeout: 600, connectionsCheckingInterval: 50 });
    const [slow] = await halfSent(port, 1);
    const answer = closed(slow!);
    expect(await getWithin(port, 1000)).toBe("ok");
    expect(await answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it("serves a GET while, and within a second after, 2,000 half-sent requests hold connections", async () => {
    const { server, port } = await limitedServer({});
    const attacker = await halfSentFlood(port, 2000);
    await expect
      .poll(() => new Promise((r) => server.getConnections((_e, n) => r(n))), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2000);
    expect(await getWithin(port, 1000)).toBe("ok");
    await attacker.release();
    expect(await getWithin(port, 1000)).toBe("ok");
    await expect.poll(() => new Promise((r) => server.getConnections((_e, n) => r(n)))).toBeLessThan(10);
  });

  it("closes connections beyond maxConnections at once instead of letting them use up descriptors", async () => {
    const { server, port } = await limitedServer({ maxConnections: 100 });
    const flood = await halfSent(port, 300);
    await expect
      .poll(() => flood.filter((s) => s.destroyed || s.readyState === "closed").length)
      .toBeGreaterThanOrEqual(200);
    expect(await new Promise((r) => server.getConnections((_e, n) => r(n)))).toBeLessThanOrEqual(100);
    for (const s of flood) s.destroy();
    expect(await getWithin(port, 1000)).toBe("ok");
  });

  it("raises the soft open-files limit to the hard one for the workers forked afterwards", () => {
    // A process started at 1024 of 4096 allowed, as many systems start services.
    const script = `import(${JSON.stringify(path.join(import.meta.dirname, "server-limits.mjs"))}).then((m) => console.log(m.raiseFileLimit()))`;
    const out = execFileSync("prlimit", ["--nofile=1024:4096", process.execPath, "-e", script], { encoding: "utf8" });
    expect(out.trim()).toBe("4096");
  });
});
