import { expect, test } from "@playwright/test";
import { runInTerminal, terminal } from "./helpers";

test("a dropped flow: Explain it, Allow this, read the impact preview, apply from the editor, and curl again", async ({
  page,
}) => {
  await page.goto("/lessons/l3-l4-policies");
  await expect(terminal(page)).toContainText("root@server:~#");
  await page.getByRole("button", { name: "Run: kubectl apply -f rule1.yaml" }).click();
  await expect(terminal(page)).toContainText("ciliumnetworkpolicy.cilium.io/rule1 created");
  await runInTerminal(
    page,
    "kubectl exec xwing -- curl -s --connect-timeout 2 -XPOST deathstar.default.svc.cluster.local/v1/request-landing",
  );
  await expect(terminal(page)).toContainText("command terminated with exit code 28");

  await page.getByRole("tab", { name: "Flows" }).click();
  await page.getByLabel("Verdict").selectOption("dropped");
  const drop = page
    .locator('tr[data-verdict="dropped"]')
    .filter({ hasText: "default/xwing" })
    .filter({ hasText: "Policy denied" })
    .first();
  await expect(drop).toContainText("deathstar");
  await drop.getByRole("button", { name: "Explain" }).click();
  const why = page.getByRole("region", { name: "Explanation" });
  await expect(why).toContainText("Verdict: dropped");
  await expect(why).toContainText("default deny since: CiliumNetworkPolicy default/rule1");
  await expect(why).toContainText("needs org=empire; default/xwing has org=alliance");

  await drop.getByRole("button", { name: "Allow this" }).click();
  const editor = page.getByRole("textbox", { name: "Contents of ~/allow-xwing-to-deathstar-80.yaml" });
  await expect(editor).toContainText("app.kubernetes.io/name: xwing");
  const preview = page.getByTestId("impact-preview");
  await expect(preview.getByRole("heading", { name: /Newly allowed/ })).toBeVisible();
  await expect(preview).toContainText("default/xwing → svc:default/deathstar TCP/80 — dropped → allowed");
  await expect(preview.getByRole("heading", { name: /Newly dropped/ })).toHaveCount(0);

  await page.getByRole("button", { name: "Save and apply" }).click();
  await expect(terminal(page)).toContainText("ciliumnetworkpolicy.cilium.io/allow-xwing-to-deathstar-80 created");
  await runInTerminal(
    page,
    "kubectl exec xwing -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing",
  );
  await expect(terminal(page)).toContainText("Ship landed");
});
