/** nc -zv (OpenBSD netcat), nslookup (bind9), dig (+short), ping -c (iputils) over the cluster's verdicts. */
import { parseFlags, type FlagSpec } from "../flags";
import type { Ctx } from "../types";
import { connect, jitter, KERNEL_SYN_TIMEOUT_MS, wait, type ClientEnv } from "./connect";
import { serviceName } from "./url";

const NC_USAGE =
  "usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n";

/** nc [-z] [-v] [-u] [-w secs] HOST PORT */
export function nc(ctx: Ctx, env: ClientEnv, argv: readonly string[]): number {
  const specs: FlagSpec[] = ["z", "v", "u", "n"].map((c) => ({ name: c, short: c, type: "bool", usage: "" }));
  const p = parseFlags(argv.slice(1), [...specs, { name: "w", short: "w", type: "string", usage: "" }]);
  if (!p.ok) {
    ctx.io.err(`nc: invalid option -- '${/'(.)'/.exec(p.error)?.[1] ?? "?"}'\n${NC_USAGE}`);
    return 1;
  }
  const f = p.flags;
  const [host, portText] = f.args;
  if (host === undefined || portText === undefined) {
    ctx.io.err(NC_USAGE);
    return 1;
  }
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    ctx.io.err(`nc: port number invalid: ${portText}\n`);
    return 1;
  }
  const udp = f.values.get("u") === "true";
  const verbose = f.values.get("v") === "true";
  const w = f.values.get("w");
  const timeoutMs = w !== undefined ? Number(w) * 1000 : KERNEL_SYN_TIMEOUT_MS;
  const r = connect(ctx, { from: env.origin, host, port, kind: udp ? "udp" : "tcp", timeoutMs });
  const proto = udp ? "udp" : "tcp";
  const ip = r.resolved?.ip ?? host;
  // netcat-openbsd names the address only when a host name was given
  const who = ip === host ? host : `${host} (${ip})`;
  const out = r.outcome;
  switch (out.status) {
    case "nxdomain":
    case "dns-refused":
    case "dns-timeout":
      ctx.io.err(
        `nc: getaddrinfo for host "${host}" port ${port}: ${out.status === "dns-timeout" ? "Temporary failure in name resolution" : "Name or service not known"}\n`,
      );
      return 1;
    case "refused":
      if (verbose) ctx.io.err(`nc: connect to ${who} port ${port} (${proto}) failed: Connection refused\n`);
      return 1;
    case "unreachable":
      if (verbose) ctx.io.err(`nc: connect to ${who} port ${port} (${proto}) failed: No route to host\n`);
      return 1;
    case "timeout":
      if (udp) break;
      wait(ctx, timeoutMs);
      if (verbose)
        ctx.io.err(
          w !== undefined
            ? `nc: connect to ${who} port ${port} (${proto}) timed out: Operation now in progress\n`
            : `nc: connect to ${who} port ${port} (${proto}) failed: Connection timed out\n`,
        );
      return 1;
    default:
      break;
  }
  if (verbose) ctx.io.err(`Connection to ${who} ${port} port ${serviceName(port, proto)} succeeded!\n`);
  return 0;
}

function dnsServer(env: ClientEnv): string {
  return env.origin.kind === "pod" ? "10.96.0.10" : "172.18.0.1";
}

/** nslookup NAME (bind9 output, the pod's search list). */
export function nslookup(ctx: Ctx, env: ClientEnv, argv: readonly string[]): number {
  const name = argv.slice(1).find((a) => !a.startsWith("-"));
  if (name === undefined) {
    ctx.io.err("nslookup: this lab has no interactive mode; give a name: nslookup deathstar\n");
    return 1;
  }
  const r = connect(ctx, { from: env.origin, host: name, port: 53, kind: "dns" });
  const out = r.outcome;
  const server = out.status === "dns-answer" ? out.server : dnsServer(env);
  if (out.status === "dns-timeout" || out.status === "timeout") {
    wait(ctx, 15_000);
    ctx.io.out(";; connection timed out; no servers could be reached\n\n");
    return 1;
  }
  const head = `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
  if (out.status !== "dns-answer") {
    ctx.io.out(`${head}** server can't find ${name}: ${out.status === "dns-refused" ? "REFUSED" : "NXDOMAIN"}\n\n`);
    return 1;
  }
  ctx.io.out(`${head}${out.answers.map((a) => `Name:\t${out.name}\nAddress: ${a}\n`).join("")}\n`);
  return 0;
}

/** dig [+short] NAME (bind9 9.18 output; dig uses no search list). */
export function dig(ctx: Ctx, env: ClientEnv, argv: readonly string[]): number {
  const args = argv.slice(1);
  const short = args.includes("+short");
  const name = args.find((a) => !a.startsWith("+") && !a.startsWith("-") && !a.startsWith("@")) ?? ".";
  const fqdn = name.endsWith(".") ? name : `${name}.`;
  const server = dnsServer(env);
  const r = connect(ctx, { from: env.origin, host: fqdn, port: 53, kind: "dns" });
  const out = r.outcome;
  if (out.status === "dns-timeout" || out.status === "timeout") {
    wait(ctx, 15_000);
    ctx.io.out(
      `;; communications error to ${server}#53: timed out\n;; communications error to ${server}#53: timed out\n;; communications error to ${server}#53: timed out\n\n; <<>> DiG 9.18.33 <<>> ${name}\n;; global options: +cmd\n;; no servers could be reached\n`,
    );
    return 9;
  }
  const answers = out.status === "dns-answer" ? out.answers : [];
  if (short) {
    ctx.io.out(answers.map((a) => a + "\n").join(""));
    return 0;
  }
  const status = out.status === "dns-answer" ? "NOERROR" : out.status === "dns-refused" ? "REFUSED" : "NXDOMAIN";
  const id = Math.floor(jitter(ctx, 1000, 65000));
  const when = new Date(ctx.now).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, "$1 $3 $2 $5 UTC $4");
  ctx.io.out(
    `\n; <<>> DiG 9.18.33 <<>> ${name}\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}\n;; flags: qr aa rd; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: 0, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n\n` +
      `;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n;; QUESTION SECTION:\n;${fqdn}\t\tIN\tA\n\n` +
      (answers.length > 0 ? `;; ANSWER SECTION:\n${answers.map((a) => `${fqdn}\t30\tIN\tA\t${a}\n`).join("")}\n` : "") +
      `;; Query time: 0 msec\n;; SERVER: ${server}#53(${server}) (UDP)\n;; WHEN: ${when}\n;; MSG SIZE  rcvd: ${answers.length > 0 ? 110 : 160}\n\n`,
  );
  return 0;
}

/** ping [-c N] [-W secs] HOST (iputils). Without -c the lab stops after 4 (a real ping runs until Ctrl-C). */
export function ping(ctx: Ctx, env: ClientEnv, argv: readonly string[]): number {
  const p = parseFlags(argv.slice(1), [
    { name: "c", short: "c", type: "int", usage: "" },
    { name: "W", short: "W", type: "string", usage: "" },
    { name: "i", short: "i", type: "string", usage: "" },
    { name: "q", short: "q", type: "bool", usage: "" },
  ]);
  if (!p.ok || p.flags.args.length === 0) {
    ctx.io.err(
      p.ok
        ? "ping: usage error: Destination address required\n"
        : `ping: invalid option -- '${/'(.)'/.exec(p.error)?.[1] ?? "?"}'\n`,
    );
    return 2;
  }
  const host = p.flags.args[0] as string;
  const count = Math.max(1, Number(p.flags.values.get("c") ?? "4"));
  const r = connect(ctx, { from: env.origin, host, port: 0, kind: "icmp" });
  const out = r.outcome;
  if (out.status === "nxdomain" || out.status === "dns-refused" || out.status === "dns-timeout") {
    ctx.io.err(
      `ping: ${host}: ${out.status === "dns-timeout" ? "Temporary failure in name resolution" : "Name or service not known"}\n`,
    );
    return 2;
  }
  const ip = r.resolved?.ip ?? host;
  const named = r.resolved !== undefined && r.resolved.fqdn !== ip ? r.resolved.fqdn : undefined;
  const ok = out.status === "icmp-reply";
  // policy-deny-response=icmp: every echo request is answered with ICMP type 3 code 13 (iputils: "Packet filtered").
  const filtered = out.status === "unreachable" ? out.from : undefined;
  let text = `PING ${named ?? ip} (${ip}) 56(84) bytes of data.\n`;
  const times: number[] = [];
  for (let i = 1; i <= count && filtered !== undefined; i++)
    text += `From ${named ? `${named} (${filtered})` : filtered} icmp_seq=${i} Packet filtered\n`;
  for (let i = 1; i <= count && ok; i++) {
    const t = Number(jitter(ctx, 0.04, 0.2).toFixed(3));
    times.push(t);
    text += `64 bytes from ${named ? `${named} (${ip})` : ip}: icmp_seq=${i} ttl=63 time=${t.toFixed(3)} ms\n`;
  }
  const spent = (count - 1) * 1000 + Math.round(jitter(ctx, 1, 60));
  wait(ctx, ok || filtered !== undefined ? spent : spent + 1000);
  const errors = filtered !== undefined ? `, +${count} errors` : "";
  text += `\n--- ${named ?? ip} ping statistics ---\n${count} packets transmitted, ${times.length} received${errors}, ${ok ? 0 : 100}% packet loss, time ${spent}ms\n`;
  if (times.length > 0) {
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / times.length);
    text += `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`;
  }
  ctx.io.out(text);
  return ok ? 0 : 1;
}
