import { describe, expect, it } from "vitest";
import type { PublicGradeResult } from "@/lib/grading";
import { capResult, cutText, MAX_RESULT_BYTES } from "./result-cap";

const base: PublicGradeResult = { challenge: "c", passed: false, score: 0, checks: [], errors: [], warnings: [] };
const bytes = (r: unknown) => Buffer.byteLength(JSON.stringify(r));

describe("capping a stored grade", () => {
  it("leaves a normal grade alone (the same object)", () => {
    const r = { ...base, errors: [{ kind: "rejected" as const, message: "spec.endpointSelector: Required value" }] };
    expect(capResult(r)).toBe(r);
  });

  it("cuts a YAML error that echoes 20 MB of expanded aliases to a bounded message that says so", () => {
    const r = {
      ...base,
      errors: [
        {
          kind: "rejected" as const,
          object: "CiliumNetworkPolicy default/x",
          message: `yaml: ${"[a, a, a]".repeat(2_000_000)}`,
        },
      ],
    };
    const capped = capResult(r);
    expect(bytes(capped)).toBeLessThanOrEqual(MAX_RESULT_BYTES);
    expect(capped.errors[0]).toMatchObject({
      kind: "rejected",
      object: "CiliumNetworkPolicy default/x",
      message: expect.stringMatching(/^yaml: \[a, a, a\].*… \(\d+ more characters\)$/),
    });
  });

  it("cuts one long message even when the whole grade is small (an error echoing an aliased 8 KB string)", () => {
    const message = `Unable to parse port: strconv.ParseUint: parsing "${"x".repeat(8000)}": invalid syntax`;
    const r = { ...base, errors: [{ kind: "invalid" as const, object: "CiliumNetworkPolicy default/p", message }] };
    const capped = capResult(r);
    expect(capped.errors[0]?.message).toMatch(
      /^Unable to parse port: strconv\.ParseUint: parsing "x+… \(\d+ more characters\)$/,
    );
    expect(capped.errors[0]?.message.length).toBeLessThan(2100);
    expect(capped.checks).toEqual(r.checks);
  });

  it("shortens thousands of problems to a few and counts the rest", () => {
    const r = {
      ...base,
      warnings: Array.from({ length: 5000 }, (_, i) => ({
        kind: "warning" as const,
        message: `policy ${i} selects nothing ${"x".repeat(100)}`,
      })),
    };
    const capped = capResult(r);
    expect(bytes(capped)).toBeLessThanOrEqual(MAX_RESULT_BYTES);
    expect(capped.warnings.at(-1)).toEqual({
      kind: "warning",
      message: `… and ${5000 - (capped.warnings.length - 1)} more`,
    });
  });

  it("never ends a cut in half a surrogate pair (jsonb refuses a lone one)", () => {
    const cut = cutText(`${"a".repeat(9)}😀😀`, 10);
    expect(cut.startsWith("a".repeat(9) + "…")).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false);
  });
});
