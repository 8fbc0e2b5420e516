/**
 * curl's command line (tool_getparam.c semantics for the options labs use): grouped short options (-sS),
 * attached values (-XPOST), separate values, long options without `=`, several URLs.
 */
export interface CurlOptions {
  silent: boolean;
  showError: boolean;
  include: boolean;
  head: boolean;
  verbose: boolean;
  fail: boolean;
  method?: string;
  headers: string[];
  data?: string;
  output?: string;
  writeOut?: string;
  connectTimeout?: number;
  maxTime?: number;
  urls: string[];
}

type Kind = "bool" | "string" | "number";
const SHORT: Record<string, [keyof CurlOptions | "ignore", Kind]> = {
  s: ["silent", "bool"],
  S: ["showError", "bool"],
  i: ["include", "bool"],
  I: ["head", "bool"],
  v: ["verbose", "bool"],
  f: ["fail", "bool"],
  L: ["ignore", "bool"],
  k: ["ignore", "bool"],
  4: ["ignore", "bool"],
  X: ["method", "string"],
  H: ["headers", "string"],
  d: ["data", "string"],
  o: ["output", "string"],
  w: ["writeOut", "string"],
  m: ["maxTime", "number"],
};
const LONG: Record<string, [keyof CurlOptions | "ignore", Kind]> = {
  silent: ["silent", "bool"],
  "show-error": ["showError", "bool"],
  include: ["include", "bool"],
  head: ["head", "bool"],
  verbose: ["verbose", "bool"],
  fail: ["fail", "bool"],
  location: ["ignore", "bool"],
  insecure: ["ignore", "bool"],
  request: ["method", "string"],
  header: ["headers", "string"],
  data: ["data", "string"],
  "data-raw": ["data", "string"],
  "data-binary": ["data", "string"],
  json: ["data", "string"],
  output: ["output", "string"],
  "write-out": ["writeOut", "string"],
  "connect-timeout": ["connectTimeout", "number"],
  "max-time": ["maxTime", "number"],
  url: ["urls", "string"],
  retry: ["ignore", "number"],
  "no-progress-meter": ["silent", "bool"],
};

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

function set(
  o: CurlOptions,
  key: keyof CurlOptions | "ignore",
  kind: Kind,
  value: string | undefined,
  display: string,
): string | undefined {
  if (key === "ignore") return undefined;
  if (kind === "bool") {
    (o as unknown as Record<string, unknown>)[key] = true;
    return undefined;
  }
  if (value === undefined) return `curl: option ${display}: requires parameter\n${TRY}`;
  if (kind === "number") {
    if (!/^\d+(\.\d+)?$/.test(value)) return `curl: option ${display}: expected a proper numerical parameter\n${TRY}`;
    (o as unknown as Record<string, unknown>)[key] = Number(value);
  } else if (key === "headers" || key === "urls") (o[key] as string[]).push(value);
  else (o as unknown as Record<string, unknown>)[key] = value;
  return undefined;
}

/** Parses curl's argv (without the program name). */
export function parseCurl(argv: readonly string[]): CurlOptions | { readonly error: string } {
  const o: CurlOptions = {
    silent: false,
    showError: false,
    include: false,
    head: false,
    verbose: false,
    fail: false,
    headers: [],
    urls: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith("--")) {
      const spec = LONG[a.slice(2)];
      if (!spec) return { error: `curl: option ${a}: is unknown\n${TRY}` };
      const err = set(o, spec[0], spec[1], spec[1] === "bool" ? undefined : argv[++i], a);
      if (err) return { error: err };
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        const spec = SHORT[c];
        if (!spec) return { error: `curl: option -${a.slice(j)}: is unknown\n${TRY}` };
        if (spec[1] === "bool") {
          set(o, spec[0], "bool", undefined, `-${c}`);
          continue;
        }
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        const err = set(o, spec[0], spec[1], value, `-${c}`);
        if (err) return { error: err };
        break;
      }
    } else o.urls.push(a);
  }
  if (o.urls.length === 0) return { error: `curl: no URL specified!\n${TRY}` };
  return o;
}
