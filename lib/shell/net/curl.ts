/**
 * curl inside a pod, on a node or in an external container. Outcomes come from the cluster: the body on
 * success, Envoy's 403 `Access denied` on an L7 denial, a (28) timeout after the simulated wait on a drop.
 * Messages follow curl 8 (lib/cf-socket.c, multi.c, tool_getparam.c); CLI-FORMATS.md §8.
 */
import type { HttpResponse } from "@/lib/cluster";
import type { Ctx } from "../types";
import { utf8Length } from "../utf8";
import { resolvePath } from "../vfs";
import { connect, jitter, KERNEL_SYN_TIMEOUT_MS, wait, type ClientEnv } from "./connect";
import { parseCurl, type CurlOptions } from "./curlargs";
import { parseUrl, type Target } from "./url";

export type { ClientEnv };

/** curl's progress meter (progress.c): header and the last update line. */
function meter(bytes: number, elapsedMs: number, failed: boolean): string {
  const sz = (n: number): string => String(n).padStart(5);
  const speed = elapsedMs > 0 && !failed ? Math.round((bytes * 1000) / elapsedMs) : 0;
  const t = (ms: number): string => {
    const s = Math.floor(ms / 1000);
    return `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`.padStart(
      8,
    );
  };
  const pct = failed ? 0 : 100;
  const line = `${String(pct).padStart(3)} ${sz(bytes)}  ${String(pct).padStart(3)} ${sz(bytes)}    0     0  ${sz(speed)}      0 --:--:-- ${elapsedMs >= 1000 ? t(elapsedMs) : "--:--:--"} --:--:-- ${sz(speed)}`;
  return (
    "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n" +
    line +
    "\n"
  );
}

interface Reply {
  readonly status: number;
  readonly statusText: string;
  readonly headers: readonly string[];
  readonly body: string;
}

function reply(ctx: Ctx, res: HttpResponse, denied: boolean): Reply {
  const date = new Date(ctx.now).toUTCString();
  if (denied)
    return {
      status: 403,
      statusText: "Forbidden",
      headers: ["content-length: 15", "content-type: text/plain", `date: ${date}`, "server: envoy"],
      body: res.body || "Access denied\r\n",
    };
  const entries = Object.entries(res.headers);
  const envoy = entries.some(([k, v]) => k.toLowerCase() === "server" && v === "envoy");
  // Go's net/http canonicalises header names; Envoy sends them lower-case
  const name = (k: string): string =>
    envoy
      ? k.toLowerCase()
      : k.toLowerCase().replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
  const headers = entries.map(([k, v]) => `${name(k)}: ${v}`);
  if (!entries.some(([k]) => k.toLowerCase() === "content-type"))
    headers.unshift(`${name("content-type")}: text/plain; charset=utf-8`);
  if (!entries.some(([k]) => k.toLowerCase() === "date")) headers.splice(1, 0, `${name("date")}: ${date}`);
  if (!entries.some(([k]) => k.toLowerCase() === "content-length"))
    headers.push(`${name("content-length")}: ${utf8Length(res.body)}`);
  return { status: res.status, statusText: res.statusText, headers, body: res.body };
}

function writeOut(fmt: string, vars: Readonly<Record<string, string>>): string {
  return fmt.replace(/%\{([a-z_]+)\}|\\n|\\t|\\r/g, (m, name: string | undefined) =>
    name !== undefined ? (vars[name] ?? "") : m === "\\n" ? "\n" : m === "\\t" ? "\t" : "\r",
  );
}

/** Runs curl; returns its exit code. */
export function curl(ctx: Ctx, env: ClientEnv, argv: readonly string[]): number {
  const o = parseCurl(argv.slice(1));
  if ("error" in o) {
    ctx.io.err(o.error);
    return 2;
  }
  let code = 0;
  for (const raw of o.urls) code = fetchOne(ctx, env, o, raw);
  return code;
}

function fetchOne(ctx: Ctx, env: ClientEnv, o: CurlOptions, raw: string): number {
  const showMeter = !o.silent && (!env.tty || o.output !== undefined);
  const fail = (code: number, msg: string, elapsedMs: number): number => {
    if (showMeter) ctx.io.err(meter(0, elapsedMs, true));
    if (!o.silent || o.showError) ctx.io.err(`curl: (${code}) ${msg}\n`);
    if (o.writeOut)
      ctx.io.out(
        writeOut(o.writeOut, {
          http_code: "000",
          response_code: "000",
          exitcode: String(code),
          url_effective: raw,
          errormsg: msg,
        }),
      );
    return code;
  };
  const t = parseUrl(raw);
  if ("error" in t) return fail(3, t.error, 0);
  const limit =
    o.connectTimeout !== undefined && (o.maxTime === undefined || o.connectTimeout <= o.maxTime)
      ? o.connectTimeout
      : o.maxTime;
  const timeoutMs =
    limit !== undefined ? Math.round(limit * 1000) : KERNEL_SYN_TIMEOUT_MS + Math.round(jitter(ctx, 800, 4800));
  const method = o.method ?? (o.head ? "HEAD" : o.data !== undefined ? "POST" : "GET");
  const r = connect(ctx, {
    from: env.origin,
    host: t.host,
    port: t.port,
    kind: "http",
    http: {
      method,
      path: t.path,
      scheme: t.scheme,
      ...(o.data !== undefined ? { body: o.data } : {}),
      headers: Object.fromEntries(
        o.headers.map((h) => [h.slice(0, h.indexOf(":")).trim(), h.slice(h.indexOf(":") + 1).trim()]),
      ),
    },
    timeoutMs,
  });
  const out = r.outcome;
  switch (out.status) {
    case "nxdomain":
    case "dns-refused":
      return fail(6, `Could not resolve host: ${t.host}`, out.elapsedMs);
    case "dns-timeout":
      wait(ctx, out.elapsedMs);
      return limit !== undefined
        ? fail(28, `Resolving timed out after ${out.elapsedMs} milliseconds`, out.elapsedMs)
        : fail(6, `Could not resolve host: ${t.host}`, out.elapsedMs);
    case "timeout":
      return timedOut(ctx, o, t, timeoutMs, fail);
    case "unreachable":
    case "refused":
      return fail(
        7,
        `Failed to connect to ${t.host} port ${t.port} after ${out.elapsedMs} ms: Couldn't connect to server`,
        out.elapsedMs,
      );
    case "http":
      return respond(
        ctx,
        env,
        o,
        t,
        r.resolved?.ip ?? t.host,
        reply(ctx, out.response, out.deniedByProxy),
        Math.max(1, out.elapsedMs),
        showMeter,
        fail,
      );
    default:
      return fail(52, "Empty reply from server", out.elapsedMs);
  }
}

function respond(
  ctx: Ctx,
  env: ClientEnv,
  o: CurlOptions,
  t: Target,
  ip: string,
  rep: Reply,
  elapsed: number,
  showMeter: boolean,
  fail: (code: number, msg: string, ms: number) => number,
): number {
  if (o.verbose) verbose(ctx, ip, t, o.method ?? "GET", rep);
  if (o.fail && rep.status >= 400) return fail(22, `The requested URL returned error: ${rep.status}`, elapsed);
  const headText = `HTTP/1.1 ${rep.status} ${rep.statusText}\r\n${rep.headers.map((h) => h + "\r\n").join("")}\r\n`;
  const payload = (o.include || o.head ? headText : "") + (o.head ? "" : rep.body);
  if (
    o.output !== undefined &&
    o.output !== "-" &&
    o.output !== "/dev/null" &&
    env.origin.kind === "external" &&
    env.origin.name === "server"
  ) {
    const p = resolvePath(ctx.state.cwd, o.output);
    ctx.state = { ...ctx.state, files: { ...ctx.state.files, [p]: payload } };
  }
  // the meter's header and last line usually land before the body on a terminal
  if (showMeter) ctx.io.err(meter(utf8Length(rep.body), elapsed, false));
  if (o.output === undefined || o.output === "-") ctx.io.out(payload);
  if (o.writeOut) {
    const type = rep.headers.find((h) => /^content-type:/i.test(h))?.replace(/^[^:]*: /, "") ?? "";
    ctx.io.out(
      writeOut(o.writeOut, {
        http_code: String(rep.status),
        response_code: String(rep.status),
        exitcode: "0",
        url_effective: t.url,
        remote_ip: ip,
        remote_port: String(t.port),
        size_download: String(utf8Length(rep.body)),
        time_total: (elapsed / 1000).toFixed(6),
        content_type: type,
      }),
    );
  }
  return 0;
}

function timedOut(
  ctx: Ctx,
  o: CurlOptions,
  t: Target,
  timeoutMs: number,
  fail: (code: number, msg: string, ms: number) => number,
): number {
  const ct = o.connectTimeout;
  const mt = o.maxTime;
  if (ct !== undefined && (mt === undefined || ct <= mt)) {
    const ms = timeoutMs + 2;
    wait(ctx, ms);
    return fail(28, `Failed to connect to ${t.host} port ${t.port} after ${ms} ms: Timeout was reached`, ms);
  }
  if (mt !== undefined) {
    const ms = timeoutMs + 1;
    wait(ctx, ms);
    return fail(28, `Connection timed out after ${ms} milliseconds`, ms);
  }
  wait(ctx, timeoutMs);
  return fail(
    28,
    `Failed to connect to ${t.host} port ${t.port} after ${timeoutMs} ms: Connection timed out`,
    timeoutMs,
  );
}

function verbose(ctx: Ctx, ip: string, t: Target, method: string, rep: Reply): void {
  const hostHeader = t.port === 80 || t.port === 443 ? t.host : `${t.host}:${t.port}`;
  ctx.io.err(
    `*   Trying ${ip}:${t.port}...\n* Connected to ${t.host} (${ip}) port ${t.port}\n> ${method} ${t.path} HTTP/1.1\n> Host: ${hostHeader}\n> User-Agent: curl/8.14.1\n> Accept: */*\n> \n` +
      `< HTTP/1.1 ${rep.status} ${rep.statusText}\n${rep.headers.map((h) => `< ${h}\n`).join("")}< \n* Connection #0 to host ${t.host} left intact\n`,
  );
}
