/** The RE2 engine, linked statically (server, scripts, tests). The browser binding is components/lab/deferred/re2.ts. */
import { RE2JS } from "re2js";
import type { Deferred } from "../deferred";

export type Re2 = typeof RE2JS;

export const re2: Deferred<Re2> = () => RE2JS;
