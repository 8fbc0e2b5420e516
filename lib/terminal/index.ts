/** lib/terminal — the pure line discipline under the lab terminal (README in lib/shell/README.md). */
export { LineDiscipline, DEFAULT_PROMPT, CONTINUATION_PROMPT, type LineDisciplineOptions } from "./discipline";
export { KeyDecoder, type Key, type KeyName } from "./keys";
export type { TerminalSink, LineBackend, ExecResult, ExecStream, AbortSignalLike, AbortControllerLike } from "./types";
