/**
 * Request bodies at the boundary, the same way for every route: JSON only (415 otherwise: a cross-site form
 * or `text/plain` fetch cannot reach a state-changing route), a hard size limit (413, without buffering more
 * than the limit), JSON syntax (400) and text the database can store (400). Then the route's zod schema.
 */
import type * as z from "zod";
import { HttpError } from "./errors";
import { unstorableText } from "./text";

export type LimitedBody =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: "too-large" };

/** Reads at most `max` bytes of the body; more (declared or streamed) is refused without buffering it. */
export async function readLimitedBody(request: Request, max: number): Promise<LimitedBody> {
  const header = request.headers.get("content-length");
  const declared = header === null ? Number.NaN : Number(header);
  if (Number.isFinite(declared) && declared > max) return { ok: false, reason: "too-large" };
  if (!request.body) return { ok: true, text: "" };
  // HTTP framing caps a body with a Content-Length at that length: read it in one go (the common case;
  // chunk-by-chunk reading through web streams costs more than the grading of a small submission).
  if (Number.isFinite(declared)) return { ok: true, text: await request.text() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return { ok: false, reason: "too-large" };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}

/** `application/json` or a `+json` type, with any parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | null): boolean {
  if (value === null) return false;
  const type = value.split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

export interface JsonBodyOptions {
  /** Bodies above this are refused with 413. */
  readonly maxBytes: number;
  /** What the 413 says, e.g. "a saved lab is limited to 1024 KB". */
  readonly tooLarge: string;
}

/** The body as a JSON value, or an HttpError (415, 413, 400) that says what is wrong with it. */
export async function readJson(request: Request, opts: JsonBodyOptions): Promise<unknown> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new HttpError(415, "send the body as JSON with content-type: application/json");
  }
  const read = await readLimitedBody(request, opts.maxBytes);
  if (!read.ok) throw new HttpError(413, opts.tooLarge);
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    throw new HttpError(400, "the body is not JSON");
  }
  const bad = unstorableText(value);
  if (bad) throw new HttpError(400, `${bad.path}: text may not contain ${bad.what}`);
  return value;
}

/** The first zod issue as "path: message", for a 400 that points at the field. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue && issue.path.length > 0 ? issue.path.join(".") : "(body)"}: ${issue?.message ?? "invalid"}`;
}

/** Reads the JSON body and parses it with `schema`; a mismatch is a 400 prefixed with `what` ("invalid lab"). */
export async function readJsonAs<S extends z.ZodType>(
  request: Request,
  schema: S,
  opts: JsonBodyOptions & { readonly what: string },
): Promise<z.infer<S>> {
  const value = await readJson(request, opts);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, `${opts.what}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}
