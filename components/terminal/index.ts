/** The lab terminal component and its lib/shell bridge. */
export { Terminal, type TerminalApi, type TerminalBackend, type TerminalProps } from "./Terminal";
export { createShellBackend, type ShellBackendOptions } from "./shell-backend";
