/** The browser's RE2 engine: fetched the first time a policy or a check holds a regex. */
import type { Re2 } from "@/lib/base/libs/re2";
import { deferredImport } from "./deferred-import";

export const re2 = deferredImport<Re2>("the RE2 engine", () => import("re2js").then((m) => m.RE2JS));
