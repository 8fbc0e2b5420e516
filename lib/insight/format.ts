/** Plain-text forms of the insight results, shared by the `lab` command and the panels' text. */
import type { VerdictKind } from "@/lib/engine";
import type { ImpactRow } from "./impact";
import type { CellKind, Matrix } from "./matrix";
import type { Probe } from "./probes";

const VERDICT: Readonly<Record<VerdictKind, string>> = {
  allowed: "allowed",
  dropped: "dropped",
  "denied-l7": "denied-l7",
};

function endText(e: Probe["from"]): string {
  return e.members.length > 1 ? `${e.name} (+${e.members.length - 1})` : e.name;
}

/** `default/tiefighter → svc:default/deathstar TCP/80 POST /v1/request-landing` */
export function probeText(p: Probe): string {
  const l7 = p.http
    ? ` ${p.http.method} ${p.http.path}`
    : p.dns !== undefined
      ? p.port === 53
        ? ` query ${p.dns}`
        : ` by name ${p.dns}`
      : "";
  return `${endText(p.from)} → ${endText(p.to)} ${p.protocol}/${p.port}${l7}`;
}

/** One impact row: `… : dropped → allowed`. */
export function impactLine(r: ImpactRow): string {
  const also = r.requests ? ` (and its ${r.requests === 1 ? "HTTP request" : `${r.requests} HTTP requests`})` : "";
  return `${probeText(r.probe)}: ${VERDICT[r.before]} → ${VERDICT[r.after]}${also}`;
}

const CELL: Readonly<Record<CellKind, string>> = {
  allowed: "allow",
  l7: "L7",
  dropped: "drop",
  partial: "some",
  none: "-",
};

/** The matrix as a text grid: rows are sources, columns destinations (numbered, with a legend). */
export function matrixLines(m: Matrix): string[] {
  if (m.pods.length === 0) return ["No pods."];
  const names = m.pods.map((p) => p.ref);
  const w = Math.max(4, ...names.map((n) => n.length + 5));
  const header = `${"FROM \\ TO".padEnd(w)}${m.pods
    .map((_, i) => `[${i + 1}]`.padEnd(6))
    .join("")
    .trimEnd()}`;
  const lines = [
    m.port !== undefined ? `Reachability on ${m.protocol}/${m.port}:` : "Reachability on each destination's own ports:",
    header,
  ];
  m.pods.forEach((p, i) => {
    const cells = (m.cells[i] ?? [])
      .map((c) => (c.kind === "partial" ? c.ports.join(",") : CELL[c.kind]).padEnd(6))
      .join("")
      .trimEnd();
    lines.push(`${`[${i + 1}] ${p.ref}`.padEnd(w)}${cells}`);
  });
  lines.push("", "allow = allowed, L7 = allowed at L4 then checked per request by the HTTP proxy, drop = dropped,");
  lines.push(m.port !== undefined ? "- = nothing to check" : "N,M = only those ports pass, - = listens on no port");
  return lines;
}
