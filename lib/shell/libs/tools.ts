/** The shell's deferred tools, linked statically (server, scripts, tests). The browser binding is components/lab/deferred/shell-tools.ts. */
import type { Deferred } from "@/lib/base/deferred";
import * as tools from "../deferred-tools";

export type ShellTools = typeof tools;

export const shellTools: Deferred<ShellTools> = () => tools;
