import { describe, expect, it } from "vitest";
import { isLearnerId, signLearnerId, verifyLearnerCookie } from "./cookie";

const ID = "3f2b8c1e-4d5a-4b6c-9d7e-8f9a0b1c2d3e";

describe("learner cookie", () => {
  it("verifies what it signed, again and again (the second time from the cache)", async () => {
    const value = await signLearnerId(ID, "secret-a");
    expect(await verifyLearnerCookie(value, "secret-a")).toBe(ID);
    expect(await verifyLearnerCookie(value, "secret-a")).toBe(ID);
  });

  it("refuses a value signed with another secret, even right after it verified under its own", async () => {
    const value = await signLearnerId(ID, "secret-a");
    expect(await verifyLearnerCookie(value, "secret-a")).toBe(ID);
    expect(await verifyLearnerCookie(value, "secret-b")).toBeNull();
  });

  it("refuses forged, unsigned and malformed values", async () => {
    const value = await signLearnerId(ID, "secret-a");
    const [, signature] = value.split(".");
    const other = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    expect(await verifyLearnerCookie(`${other}.${signature}`, "secret-a")).toBeNull();
    expect(await verifyLearnerCookie(ID, "secret-a")).toBeNull();
    expect(await verifyLearnerCookie(`${ID}.${"A".repeat(43)}`, "secret-a")).toBeNull();
    expect(await verifyLearnerCookie(`not-a-uuid.${signature}`, "secret-a")).toBeNull();
    expect(await verifyLearnerCookie(undefined, "secret-a")).toBeNull();
    // A tampered signature stays refused however often it is sent (refusals are never cached as valid).
    const tampered = `${ID}.${signature!.slice(0, -1)}${signature!.endsWith("A") ? "B" : "A"}`;
    expect(await verifyLearnerCookie(tampered, "secret-a")).toBeNull();
    expect(await verifyLearnerCookie(tampered, "secret-a")).toBeNull();
  });

  it("issues ids of the shape it accepts", () => {
    expect(isLearnerId(ID)).toBe(true);
    expect(isLearnerId("3f2b8c1e-4d5a-1b6c-9d7e-8f9a0b1c2d3e")).toBe(false);
  });
});
