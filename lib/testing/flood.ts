/**
 * A connection flood for tests: `n` connections that each send half a request's headers and wait, from a
 * process of their own (as an attacker's machine would: the server under test pays only for its side, and
 * the test's own requests are not queued behind 2n socket events in one event loop).
 */
import { spawn } from "node:child_process";

export interface Flood {
  /** Connections the flood holds open (the rest were refused or reset). */
  readonly open: number;
  /** Ends the flooding process: the kernel closes all its connections at once. */
  release(): Promise<void>;
}

export async function halfSentFlood(port: number, n: number, requestPath = "/"): Promise<Flood> {
  const head = JSON.stringify(`GET ${requestPath} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
  const script = `const net = require("node:net"); let settled = 0, open = 0;
    const settle = () => { if (++settled === ${n}) console.log("open " + open); };
    for (let i = 0; i < ${n}; i++) {
      const s = net.connect(${port}, "127.0.0.1", () => { open++; s.write(${head}); settle(); });
      s.on("error", settle);
    }
    process.stdin.on("data", () => process.exit(0));`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding("utf8").once("data", resolve);
    child.once("exit", (code) => reject(new Error(`the flood process exited (${code})`)));
  });
  return {
    open: Number(/open (\d+)/.exec(line)?.[1] ?? 0),
    release: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin.write("go\n");
      await exited;
    },
  };
}
