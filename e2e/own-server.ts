import { spawn } from "node:child_process";
import net, { type AddressInfo } from "node:net";
import path from "node:path";

/** A loopback port nothing listens on now (for specs that start a server of their own). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * A second production server for specs that need other settings than the shared one (tight budgets): the
 * same build and database as the Playwright web server, on the next port, launched like `npm start`'s
 * workers (with the http-guard preload), in its own process group so it is stopped with everything it
 * started.
 */
export async function ownServer(
  env: Record<string, string>,
  offset = 1,
): Promise<{ baseURL: string; stop: () => void }> {
  const root = path.resolve(import.meta.dirname, "..");
  const port = Number(process.env.E2E_PORT ?? 3210) + offset;
  const child = spawn(
    process.execPath,
    [
      "--require",
      path.join(root, "scripts", "http-guard.cjs"),
      path.join(root, "node_modules", "next", "dist", "bin", "next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: root,
      detached: true,
      stdio: "ignore",
      env: {
        ...process.env,
        ...env,
        DATABASE_URL: `file:${path.join(root, "data", "e2e.db")}`,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
      },
    },
  );
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const baseURL = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${baseURL}/icon.svg`)).ok) return { baseURL, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`the second server did not start on port ${port}`);
}
