/** kubectl's -f sources: files, directories (their .yaml/.yml/.json files), `-` (stdin), the demo URLs. */
import type { Ctx } from "../types";
import { isDir, listDir, resolvePath } from "../vfs";
import { builtinUrl } from "./urls";

export type Sources = { readonly texts: { source: string; text: string }[] } | { readonly error: string };

/** Reads every -f argument in order; a missing path stops everything, as kubectl does. */
export function readSources(ctx: Ctx, names: readonly string[]): Sources {
  const texts: { source: string; text: string }[] = [];
  for (const n of names) {
    if (n === "-") {
      texts.push({ source: "STDIN", text: ctx.io.stdin });
      continue;
    }
    if (/^https?:\/\//.test(n)) {
      const body = builtinUrl(n);
      if (body === undefined)
        return { error: `error: unable to read URL "${n}", server reported 404 Not Found, status code=404\n` };
      texts.push({ source: n, text: body });
      continue;
    }
    const p = resolvePath(ctx.state.cwd, n);
    if (isDir(ctx.state.files, p)) {
      for (const e of listDir(ctx.state.files, p)) {
        if (!e.dir && /\.(ya?ml|json)$/.test(e.name))
          texts.push({
            source: `${n.replace(/\/$/, "")}/${e.name}`,
            text: ctx.state.files[`${p === "/" ? "" : p}/${e.name}`] ?? "",
          });
      }
      continue;
    }
    const t = ctx.state.files[p];
    if (t === undefined) return { error: `error: the path "${n}" does not exist\n` };
    texts.push({ source: n, text: t });
  }
  return { texts };
}
