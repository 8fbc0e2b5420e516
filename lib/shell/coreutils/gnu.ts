/** GNU coreutils-style option errors on top of the pflag parser (getopt wording). */
import { parseFlags, type FlagResult, type FlagSpec } from "../flags";

/** Parses GNU-style options; on error returns the getopt message and the `Try …` line. */
export function gnuParse(prog: string, argv: readonly string[], specs: readonly FlagSpec[]): FlagResult {
  const r = parseFlags(argv, specs);
  if (r.ok) return r;
  const short = /^unknown shorthand flag: '(.)'/.exec(r.error);
  const long = /^unknown flag: (--\S+)/.exec(r.error);
  const needs = /^flag needs an argument: (?:'(.)'|--(\S+))/.exec(r.error);
  let msg = r.error;
  if (short) msg = `${prog}: invalid option -- '${short[1]}'`;
  else if (long) msg = `${prog}: unrecognized option '${long[1]}'`;
  else if (needs)
    msg = needs[1]
      ? `${prog}: option requires an argument -- '${needs[1]}'`
      : `${prog}: option '--${needs[2]}' requires an argument`;
  return { ok: false, error: `${msg}\nTry '${prog} --help' for more information.` };
}

/** Splits text into lines, keeping whether the last one had a newline. */
export function lines(text: string): string[] {
  if (text === "") return [];
  const parts = text.split("\n");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}
