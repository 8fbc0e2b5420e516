/** The browser's copy of the shell's less common tools (hubble, cilium, curl…): fetched the first time a command runs one. */
import type { ShellTools } from "@/lib/shell/libs/tools";
import { deferredImport } from "./deferred-import";

export const shellTools = deferredImport<ShellTools>(
  "the lab's network and Cilium tools",
  () => import("@/lib/shell/deferred-tools"),
);
