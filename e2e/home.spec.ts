import { expect, test } from "@playwright/test";

test.describe("the catalogue", () => {
  test("a first visit shows the site shell and the catalogue, and gives the learner an anonymous id", async ({
    page,
    context,
  }) => {
    await page.goto("/");
    await expect(page.getByRole("banner").getByRole("link", { name: "Policy Lab" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Cilium network policies");
    await expect(page.getByRole("heading", { name: "Lessons", level: 2 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Challenges", level: 2 })).toBeVisible();
    await expect(page.getByRole("contentinfo")).toContainText("Not affiliated with the Cilium project");

    const cookie = (await context.cookies()).find((c) => c.name === "pl_learner");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    // Issued and signed by the server (lib/learner/cookie.ts): an id plus its HMAC.
    expect(cookie?.value).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);

    // The id is stable across visits: the same learner keeps their progress.
    await page.reload();
    const again = (await context.cookies()).find((c) => c.name === "pl_learner");
    expect(again?.value).toBe(cookie?.value);
  });

  test("the lessons are listed in order, each linking to its page", async ({ page }) => {
    await page.goto("/");
    const lessons = page.locator("#lessons").getByRole("link");
    await expect(lessons.first()).toBeVisible();
    const first = lessons.first();
    await expect(first).toHaveAttribute("href", /^\/lessons\/[a-z0-9-]+$/);
    await expect(first).toContainText("Not started");
  });

  test("an unknown address shows the 404 page with a way back", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
    await page.getByRole("link", { name: "Back to the catalogue" }).click();
    await expect(page).toHaveURL("/");
  });

  test("the home page follows the system's dark theme", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: "light" });
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(dark).not.toBe(light);
    expect(light).toBe("rgb(255, 255, 255)");
  });

  test("the catalogue fits a phone screen without sideways scrolling @phone", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
