/**
 * A pflag-style flag parser (github.com/spf13/pflag flag.go parseArgs): flags may be interspersed with
 * arguments, `--` ends flags, `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`, grouped
 * boolean shorthands (`-it`), repeated flags collect values. Errors carry pflag's exact wording.
 */
export type FlagType = "bool" | "string" | "int" | "strings";

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: FlagType;
  readonly usage: string;
  /** Value completion: fixed candidates, or a resolver key the completer understands. */
  readonly values?: readonly string[];
  readonly hidden?: boolean;
}

export interface ParsedFlags {
  /** Last value of each flag given (bools as "true"/"false"); `strings` flags keep every value in `all`. */
  readonly values: ReadonlyMap<string, string>;
  readonly all: ReadonlyMap<string, readonly string[]>;
  readonly args: readonly string[];
  /** Index in `args` where `--` was seen (cobra ArgsLenAtDash), or -1. */
  readonly dashAt: number;
  /** Every flag occurrence in command-line order, raw (not split on commas): for tools whose flags interact in order (hubble's `--not`). */
  readonly order?: readonly { readonly name: string; readonly value: string }[];
}

export type FlagResult =
  { readonly ok: true; readonly flags: ParsedFlags } | { readonly ok: false; readonly error: string };

function setValue(
  spec: FlagSpec,
  value: string,
  values: Map<string, string>,
  all: Map<string, string[]>,
  display: string,
  order?: { name: string; value: string }[],
): string | undefined {
  if (spec.type === "bool" && !/^(1|0|t|f|T|F|true|false|TRUE|FALSE|True|False)$/.test(value)) {
    return `invalid argument "${value}" for "${display}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`;
  }
  if (spec.type === "int" && !/^[-+]?\d+$/.test(value)) {
    return `invalid argument "${value}" for "${display}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`;
  }
  const v = spec.type === "bool" ? String(/^(1|t|T|true|TRUE|True)$/.test(value)) : value;
  order?.push({ name: spec.name, value: v });
  values.set(spec.name, v);
  const list = all.get(spec.name) ?? [];
  if (spec.type === "strings") list.push(...v.split(",").filter((x) => x !== ""));
  else list.push(v);
  all.set(spec.name, list);
  return undefined;
}

/** How pflag names a flag in "invalid argument" errors: `-n, --namespace` or `--name`. */
export function flagDisplay(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

/** Parses argv against the specs; `interspersed: false` stops at the first argument (cobra's TraverseChildren style). */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], interspersed = true): FlagResult {
  const values = new Map<string, string>();
  const all = new Map<string, string[]>();
  const order: { name: string; value: string }[] = [];
  const args: string[] = [];
  let dashAt = -1;
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") {
      dashAt = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      if (!interspersed) {
        args.push(...argv.slice(i));
        break;
      }
      args.push(a);
      continue;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) return { ok: false, error: `unknown flag: --${name}` };
      let value: string;
      if (eq >= 0) value = a.slice(eq + 1);
      else if (spec.type === "bool") value = "true";
      else if (i + 1 < argv.length) value = argv[++i] as string;
      else return { ok: false, error: `flag needs an argument: --${name}` };
      const err = setValue(spec, value, values, all, flagDisplay(spec), order);
      if (err) return { ok: false, error: err };
      continue;
    }
    // shorthand group
    let rest = a.slice(1);
    while (rest.length > 0) {
      const c = rest[0] as string;
      const spec = byShort.get(c);
      if (!spec) return { ok: false, error: `unknown shorthand flag: '${c}' in ${a}` };
      let value: string;
      if (rest[1] === "=") {
        value = rest.slice(2);
        rest = "";
      } else if (spec.type === "bool") {
        value = "true";
        rest = rest.slice(1);
      } else if (rest.length > 1) {
        value = rest.slice(1);
        rest = "";
      } else if (i + 1 < argv.length) {
        value = argv[++i] as string;
        rest = "";
      } else return { ok: false, error: `flag needs an argument: '${c}' in ${a}` };
      const err = setValue(spec, value, values, all, flagDisplay(spec), order);
      if (err) return { ok: false, error: err };
    }
  }
  return { ok: true, flags: { values, all, args, dashAt, order } };
}

/** Reads a flag with a default. */
export function flag(f: ParsedFlags, name: string, dflt = ""): string {
  return f.values.get(name) ?? dflt;
}

/** Reads a boolean flag. */
export function boolFlag(f: ParsedFlags, name: string): boolean {
  return f.values.get(name) === "true";
}
