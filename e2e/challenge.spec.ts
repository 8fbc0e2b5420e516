import { expect, test } from "@playwright/test";
import { landingPolicy as policy, runInTerminal } from "./helpers";

test("a learner solves a challenge: a failing check with its hint, a fix, a pass, and the result on the catalogue", async ({
  page,
}) => {
  await page.goto("/challenges/grading-mechanics");
  const terminal = page.getByTestId("terminal");
  await expect(terminal).toContainText("root@server:~#");
  const checkButton = page.getByRole("button", { name: "Check my work" });

  // First try: an L3/L4 policy. The exhaust port is still reachable.
  await runInTerminal(page, policy(false));
  await expect(terminal).toContainText("ciliumnetworkpolicy.cilium.io/landing created");
  await checkButton.click();
  await expect(page.getByText(/Not solved yet — score \d+%/)).toBeVisible();
  const exhaust = page.locator('[data-check="exhaust-port-safe"]');
  await expect(exhaust).toHaveAttribute("data-status", "failed");
  await expect(exhaust).toContainText("Hint:");
  await expect(exhaust).toContainText("L3/L4 rules allow whole connections");
  await expect(exhaust).toContainText("expected refused by the HTTP proxy (403), got allowed");

  // The fix: the same policy with an HTTP rule.
  await runInTerminal(page, policy(true));
  await expect(terminal).toContainText("ciliumnetworkpolicy.cilium.io/landing configured");
  await runInTerminal(
    page,
    "kubectl exec tiefighter -- curl -s -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port",
  );
  await expect(terminal).toContainText("Access denied");
  await checkButton.click();
  await expect(page.getByText("✓ Challenge solved — score 100%")).toBeVisible();
  await expect(page.getByText(/best 100% · 2 attempts · solved/)).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  // The catalogue shows it, after a fresh load.
  await page.goto("/");
  const card = page.locator('#challenges a[href="/challenges/grading-mechanics"]');
  await expect(card).toContainText("Complete");
  await expect(card).toContainText("best 100% · 2 attempts");

  // Back in the challenge, the lab and the last result are as they were.
  await page.goto("/challenges/grading-mechanics");
  await expect(page.getByText("✓ Challenge solved — score 100%")).toBeVisible();
  await expect(terminal).toContainText("root@server:~#");
  await runInTerminal(page, "kubectl get cnp");
  await expect(terminal).toContainText(/landing\s+\S+\s+True/);
});

test("Check goes again by itself when the server is too busy to grade, and the learner is told", async ({ page }) => {
  await page.goto("/challenges/grading-mechanics");
  await expect(page.getByTestId("terminal")).toContainText("root@server:~#");
  // The admission gate's answer (scripts/admission.mjs) for the first two tries; the third reaches the grader.
  let busy = 2;
  const posts: string[] = [];
  await page.route("**/api/challenges/grading-mechanics/attempts", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    posts.push(route.request().postData() ?? "");
    if (busy-- > 0)
      return route.fulfill({
        status: 503,
        headers: { "retry-after": "1", "content-type": "application/json" },
        body: JSON.stringify({ error: "the server is busy grading other learners' work" }),
      });
    return route.continue();
  });
  await runInTerminal(page, policy(true));
  await page.getByRole("button", { name: "Check my work" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The server is busy grading the class" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Checking…" })).toBeDisabled();
  await expect(page.getByText(/Not solved yet — score \d+%|Challenge solved/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("Could not check")).toHaveCount(0);
  // The same attempt each time, and exactly one recorded.
  expect(posts).toHaveLength(3);
  expect(new Set(posts).size).toBe(1);
  await expect(page.getByText(/ · 1 attempt\b/)).toBeVisible();
});
