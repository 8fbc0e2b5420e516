/** One simulated connection through the cluster (DNS included): the state moves on and the clock advances. */
import type { ClientRef, ConnectRequest, ConnectResult } from "../cluster/api";
import { MAX_WAIT_MS } from "../coreutils/builtins";
import type { Ctx } from "../types";
import { connect as clusterConnect } from "@/lib/cluster";

export type { ClientRef };

/** Where the client runs, and whether its stdout is a TTY (`exec -t`), which hides curl's progress meter. */
export interface ClientEnv {
  readonly origin: ClientRef;
  readonly tty: boolean;
}

/** Connects; the handler's state gets the new cluster (flows appended). */
export function connect(ctx: Ctx, req: ConnectRequest): ConnectResult {
  const r = clusterConnect(ctx.state.cluster, req);
  ctx.state = { ...ctx.state, cluster: r.state };
  return r.result;
}

/** Lab time passes; the UI is asked to show at most MAX_WAIT_MS of it (Ctrl-C aborts the wait). */
export function wait(ctx: Ctx, ms: number): void {
  ctx.waitMs += Math.max(0, Math.min(ms, MAX_WAIT_MS - ctx.waitMs));
  ctx.now += ms;
}

/** A deterministic value in [min, max) from the injected random. */
export function jitter(ctx: Ctx, min: number, max: number): number {
  return min + ctx.deps.random() * (max - min);
}

/** Linux gives up on an unanswered SYN after ~130 s (tcp_syn_retries = 6): a client without a timeout waits that long. */
export const KERNEL_SYN_TIMEOUT_MS = 130_000;
