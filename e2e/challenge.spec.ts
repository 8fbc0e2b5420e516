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
