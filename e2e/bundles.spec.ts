import { expect, test } from "@playwright/test";

/**
 * MDX is compiled and highlighted on the server: the compiler (mdx-bundler, esbuild) and the highlighter
 * (shiki) must never reach the browser.
 */
test("a lesson page ships no MDX compiler or highlighter", async ({ page }) => {
  const scripts: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.text());
  });
  await page.goto("/lessons/why-network-policies");
  await expect(page.getByTestId("terminal")).toContainText("root@server:~#");
  const bodies = await Promise.all(scripts);
  expect(bodies.length).toBeGreaterThan(0);
  for (const marker of [
    "bundleMDX",
    "esbuild-wasm",
    "createHighlighter",
    "shikiji",
    "@shikijs/core",
    "grammar-state",
  ]) {
    expect(
      bodies.some((b) => b.includes(marker)),
      `client JavaScript contains "${marker}"`,
    ).toBe(false);
  }
  // The page is highlighted all the same.
  await expect(page.locator("pre.shiki").first()).toBeVisible();
});
