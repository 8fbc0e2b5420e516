import { expect, test } from "@playwright/test";
import { runInTerminal, terminal } from "./helpers";

test("the map: observed flows, keyboard navigation to a pod's identity and policies, the matrix as a table", async ({
  page,
}) => {
  await page.goto("/lessons/l3-l4-policies");
  await expect(terminal(page)).toContainText("root@server:~#");
  await page.getByRole("button", { name: "Run: kubectl apply -f rule1.yaml" }).click();
  await expect(terminal(page)).toContainText("ciliumnetworkpolicy.cilium.io/rule1 created");
  await runInTerminal(
    page,
    "kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing",
  );
  await expect(terminal(page)).toContainText("Ship landed");

  await page.getByRole("tab", { name: "Map" }).click();
  const first = page.getByRole("button", { name: "pod default/deathstar-86f85ffb4d-7d86t" });
  await expect(first).toBeVisible();
  await first.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("button", { name: "pod default/deathstar-86f85ffb4d-dxp9z" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("button", { name: "pod default/tiefighter" })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Enter");
  const details = page.getByTestId("map-details");
  await expect(details).toContainText("default/deathstar-86f85ffb4d-dxp9z");
  await expect(details).toContainText("Identity 4916");
  await expect(details).toContainText("CiliumNetworkPolicy default/rule1 (ingress)");
  await expect(page.locator(".react-flow__edge")).not.toHaveCount(0);

  await page.getByRole("button", { name: "Reachability matrix" }).click();
  const table = page.getByRole("table", { name: /Reachability in default on TCP\/80/ });
  const xwing = table.getByRole("row", { name: /^xwing/ });
  await expect(xwing.getByRole("cell").first()).toHaveText("dropped");
  await expect(
    table
      .getByRole("row", { name: /^tiefighter/ })
      .getByRole("cell")
      .first(),
  ).toHaveText("allowed");
});
