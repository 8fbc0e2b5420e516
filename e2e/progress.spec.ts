import { expect, test } from "@playwright/test";

test.describe("the learner's progress", () => {
  test("a learner names themselves, sees a finished lesson as complete, and can start over", async ({ page }) => {
    // Finish lesson 2's first objectives by running its commands.
    await page.goto("/lessons/identities");
    const terminal = page.getByTestId("terminal");
    await expect(terminal).toContainText("root@server:~#");
    await terminal.click();
    await page.keyboard.type("kubectl get cep -A\n");
    await expect(terminal).toContainText("SECURITY IDENTITY");
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

    await page.goto("/progress");
    await expect(page.getByRole("heading", { name: "Your progress", level: 1 })).toBeVisible();
    const row = page.getByRole("listitem").filter({ hasText: "Identities, not IPs" });
    await expect(row).toContainText("In progress");

    await page.getByLabel("Display name").fill("Leia Organa");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved. Hello, Leia Organa!")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Display name")).toHaveValue("Leia Organa");

    await page.getByRole("button", { name: "Start over…" }).click();
    await page.getByRole("button", { name: "Delete my progress" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "to confirm" })).toContainText(
      'Type "start over" to confirm.',
    );
    await page.getByLabel("Type start over to confirm").fill("start over");
    await page.getByRole("button", { name: "Delete my progress" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Cleared 1 lesson labs" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Identities, not IPs" })).toContainText("Not started");

    // The saved lab is gone too: the lesson starts from its scenario again, with an empty shell history.
    await page.goto("/lessons/identities");
    await expect(terminal).toContainText("root@server:~#");
    await terminal.click();
    await page.keyboard.type("history\n");
    await expect(terminal).toContainText(/1\s+history/);
    await expect(terminal).not.toContainText("kubectl get cep -A");
  });
});
