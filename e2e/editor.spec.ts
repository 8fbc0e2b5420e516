import { expect, test } from "@playwright/test";
import { terminal } from "./helpers";

test.describe("the lab's policy editor", () => {
  test("diagnostics as you type on the field's line, the impact preview, and Save and apply in the terminal", async ({
    page,
  }) => {
    await page.goto("/lessons/l3-l4-policies");
    await expect(terminal(page)).toContainText("root@server:~#");
    await page.getByRole("tab", { name: "Files" }).click();
    await page.getByRole("button", { name: "~/rule1.yaml" }).click();
    const editor = page.getByRole("textbox", { name: "Contents of ~/rule1.yaml" });
    await expect(editor).toContainText("fromEndpoints");

    // The lesson's policy is valid: the preview lists what it would change.
    const preview = page.getByTestId("impact-preview");
    await expect(preview).toContainText(/Applying this would change \d+ of \d+ flows/);
    await expect(preview.getByRole("heading", { name: /Newly dropped/ })).toBeVisible();
    await expect(preview).toContainText("default/xwing → svc:default/deathstar TCP/80 — allowed → dropped");

    // A typo in a field name: kubectl's strict decoding error, on that line.
    await editor.locator(".cm-line", { hasText: "- fromEndpoints:" }).click();
    await page.keyboard.press("End");
    await page.keyboard.press("Backspace"); // the colon
    await page.keyboard.press("Backspace"); // the s
    await page.keyboard.type(":");
    const line = page.locator(".cm-line", { hasText: "fromEndpoint:" });
    await expect(line.locator(".cm-lintRange-error")).toHaveText("fromEndpoint");
    await expect(preview).toContainText("kubectl apply would reject this file");
    await line.locator(".cm-lintRange-error").hover();
    await expect(page.locator(".cm-tooltip-hover")).toContainText(
      'strict decoding error: unknown field "spec.ingress[0].fromEndpoint"',
    );

    // Fixed again, saved and applied: the command runs visibly in the terminal.
    await page.keyboard.press("Control+z");
    await expect(line).toHaveCount(0);
    await expect(page.locator(".cm-lintRange-error")).toHaveCount(0);
    await page.getByRole("button", { name: "Save and apply" }).click();
    await expect(terminal(page)).toContainText("kubectl apply -f ~/rule1.yaml");
    await expect(terminal(page)).toContainText("ciliumnetworkpolicy.cilium.io/rule1 created");
  });

  test("completes fields from the schema and label values from the cluster", async ({ page }) => {
    await page.goto("/lessons/l3-l4-policies");
    await expect(terminal(page)).toContainText("root@server:~#");
    await page.getByRole("tab", { name: "Files" }).click();
    await page.getByRole("button", { name: "~/rule1.yaml" }).click();
    const editor = page.getByRole("textbox", { name: "Contents of ~/rule1.yaml" });
    await editor.click();
    await page.keyboard.press("Control+a");
    await page.keyboard.insertText(
      "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: x\nspec:\n  endpointSelector:\n    matchLabels:\n      class: ",
    );
    await page.keyboard.press("Control+Space");
    await expect(page.locator(".cm-tooltip-autocomplete")).toContainText("deathstar");
    await expect(page.locator(".cm-tooltip-autocomplete")).toContainText("xwing");
    await page.keyboard.press("Escape");
    await page.keyboard.insertText("deathstar\n  ingr");
    await expect(page.locator(".cm-tooltip-autocomplete")).toContainText("ingressDeny");
  });
});
