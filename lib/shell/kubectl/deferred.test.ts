import { describe, expect, it } from "vitest";
import { KUBECTL_DEFERRED_ROWS } from "./deferred";
import { DEFERRED_PATHS, KUBECTL } from "./index";

describe("kubectl's deferred commands", () => {
  it("the table lists exactly the deferred rows, in order", () => {
    expect(DEFERRED_PATHS).toEqual(KUBECTL_DEFERRED_ROWS.map((r) => r.path));
  });

  it("each stand-in row reads as its real row", () => {
    const stand = KUBECTL.rows.filter((r) => r.path[1] !== "get");
    expect(stand.map((r) => [r.path, r.summary, r.usage, r.flags, r.args, r.rawArgs])).toEqual(
      KUBECTL_DEFERRED_ROWS.map((r) => [r.path, r.summary, r.usage, r.flags, r.args, r.rawArgs]),
    );
  });
});
