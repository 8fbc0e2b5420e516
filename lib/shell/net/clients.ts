/** The network clients by name, for the workstation and for containers; their code arrives with the lab's tools. */
import { shellTools } from "#shell-tools";
import type { Ctx } from "../types";
import type { ClientEnv } from "./connect";

export const NET_CLIENTS = ["curl", "nc", "nslookup", "dig", "ping"] as const;

export type NetClient = (ctx: Ctx, env: ClientEnv, argv: readonly string[]) => number;

export const netClient =
  (name: (typeof NET_CLIENTS)[number]): NetClient =>
  (ctx, env, argv) =>
    shellTools()[name](ctx, env, argv);
