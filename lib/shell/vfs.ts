/**
 * The lab's virtual file system: a flat map from absolute path to content. Directories exist implicitly
 * (any prefix of a file path) plus /root, /tmp and /dev. /dev/null swallows writes.
 */
export const HOME = "/root";
const ROOT_DIRS = new Set(["/", "/root", "/tmp", "/dev", "/etc"]);

/** Resolves `p` (relative to `cwd`, `~` already expanded) to a normalised absolute path. */
export function resolvePath(cwd: string, p: string): string {
  const abs = p.startsWith("/") ? p : `${cwd}/${p}`;
  const out: string[] = [];
  for (const seg of abs.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return "/" + out.join("/");
}

export function isDir(files: Readonly<Record<string, string>>, path: string): boolean {
  if (ROOT_DIRS.has(path)) return true;
  const prefix = path.endsWith("/") ? path : path + "/";
  return Object.keys(files).some((f) => f.startsWith(prefix));
}

export function isFile(files: Readonly<Record<string, string>>, path: string): boolean {
  return Object.prototype.hasOwnProperty.call(files, path) || path === "/dev/null";
}

/** Entries directly under a directory, sorted as `ls` sorts them (C locale here: byte order). */
export function listDir(
  files: Readonly<Record<string, string>>,
  dir: string,
): { readonly name: string; readonly dir: boolean }[] {
  const prefix = dir === "/" ? "/" : dir + "/";
  const seen = new Map<string, boolean>();
  for (const f of Object.keys(files)) {
    if (!f.startsWith(prefix)) continue;
    const rest = f.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash < 0) seen.set(rest, seen.get(rest) ?? false);
    else seen.set(rest.slice(0, slash), true);
  }
  return [...seen.entries()]
    .map(([name, d]) => ({ name, dir: d }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Shows a path the way a prompt-relative user typed it: /root/x → x when cwd is /root. */
export function displayPath(cwd: string, path: string): string {
  return path.startsWith(cwd + "/") ? path.slice(cwd.length + 1) : path;
}

/** Glob match of one path segment (`*`, `?`, `[...]`). */
export function globMatch(pattern: string, name: string): boolean {
  let re = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close < 0) re += "\\[";
      else {
        re +=
          "[" +
          pattern
            .slice(i + 1, close)
            .replace(/^!/, "^")
            .replace(/\\/g, "\\\\") +
          "]";
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(re + "$").test(name) && !(name.startsWith(".") && !pattern.startsWith("."));
}
