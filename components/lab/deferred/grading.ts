/**
 * The browser's copy of the objectives' checks: fetched the first time the lab changes. A fresh lab shows the
 * objectives the server evaluated when it built the page (LabConfig.freshObjectives).
 */
import { deferredImport } from "./deferred-import";

export const grading = deferredImport("the objectives' checks", () =>
  import("@/lib/grading/evaluate").then((m) => ({ evaluateObjectives: m.evaluateObjectives })),
);
