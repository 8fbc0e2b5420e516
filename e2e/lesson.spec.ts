import { expect, test } from "@playwright/test";

import { runInTerminal as typeInTerminal, terminal } from "./helpers";

test.describe("a lesson with its lab", () => {
  test("a learner runs commands, applies the lesson's policy, sees the objective tick, and finds the lab again after a reload", async ({
    page,
  }) => {
    await page.goto("/lessons/lab-mechanics");
    await expect(page.getByRole("heading", { level: 1, name: "Lab mechanics fixture" })).toBeVisible();
    await expect(terminal(page)).toContainText("root@server:~#");

    // Run, from the lesson text: the command is typed into the terminal and runs.
    await page
      .getByRole("button", { name: /^Run: kubectl exec tiefighter -- curl -s -XPOST/ })
      .first()
      .click();
    await expect(terminal(page)).toContainText("Ship landed");

    // Typed by hand: the pod table as kubectl prints it.
    await typeInTerminal(page, "kubectl get pods");
    await expect(terminal(page)).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
    await expect(terminal(page)).toContainText("deathstar-86f85ffb4d-7d86t");

    const objective = page.locator('[data-objective="empire-only"]');
    await expect(objective).toHaveAttribute("data-met", "false");
    await page.getByRole("button", { name: "Run: kubectl apply -f rule1.yaml" }).click();
    await expect(terminal(page)).toContainText("ciliumnetworkpolicy.cilium.io/rule1 created");
    await expect(objective).toHaveAttribute("data-met", "true");
    await expect(page.getByRole("progressbar", { name: "Objectives met" })).toHaveAttribute("aria-valuenow", "1");
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

    await page.reload();
    await expect(terminal(page)).toContainText("root@server:~#");
    await expect(page.locator('[data-objective="empire-only"]')).toHaveAttribute("data-met", "true");
    await typeInTerminal(page, "kubectl get cnp");
    await expect(terminal(page)).toContainText(/rule1\s+\S+\s+True/);
    // The history came back too: Up recalls the last command of the previous visit.
    await terminal(page).click();
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await expect(terminal(page)).toContainText("root@server:~# kubectl apply -f rule1.yaml");
  });

  test("Reset lab returns to the scenario once confirmed", async ({ page }) => {
    await page.goto("/lessons/lab-mechanics");
    await page.getByRole("button", { name: "Run: kubectl apply -f rule1.yaml" }).click();
    await expect(terminal(page)).toContainText("rule1 created");
    await page.getByRole("button", { name: "Reset lab" }).click();
    await page
      .getByRole("alertdialog", { name: "Reset the lab?" })
      .getByRole("button", { name: "Reset", exact: true })
      .click();
    await typeInTerminal(page, "kubectl get cnp");
    await expect(terminal(page)).toContainText("No resources found in default namespace.");
    await expect(page.locator('[data-objective="empire-only"]')).toHaveAttribute("data-met", "false");
  });

  test("the lesson and the lab stack on a phone @phone", async ({ page }) => {
    await page.goto("/lessons/lab-mechanics");
    // xterm draws its rows only while they are on screen (screen-reader mode, which mirrors them, is off by default)
    await terminal(page).scrollIntoViewIfNeeded();
    await expect(terminal(page)).toContainText("root@server:~#");
    const article = await page.getByRole("article").boundingBox();
    const lab = await page.getByRole("region", { name: "Lab", exact: true }).boundingBox();
    expect(article && lab && lab.y >= article.y + article.height - 1).toBe(true);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
