import { expect, test, type Page } from "@playwright/test";
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

/**
 * Records, from now on, each time the keyboard's endpoint on the map stops being focusable: its node hidden (React
 * Flow hides a node it has to measure again) or the focus falling to nowhere. Either drops a learner's place.
 */
async function watchMapFocus(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { mapFocusTrouble: string[] };
    w.mapFocusTrouble = [];
    const map = document.querySelector("[data-map]");
    if (!map) throw new Error("no map");
    new MutationObserver((records) => {
      const active = document.activeElement;
      for (const r of records)
        if (
          r.target instanceof HTMLElement &&
          r.target.contains(active) &&
          getComputedStyle(r.target).visibility === "hidden"
        )
          w.mapFocusTrouble.push(
            `hidden: ${active instanceof HTMLElement ? active.dataset.endpoint : active?.tagName}`,
          );
    }).observe(map, { subtree: true, attributes: true, attributeFilter: ["style"] });
    document.addEventListener(
      "focusout",
      (e) => {
        if (e.relatedTarget === null && e.target instanceof HTMLElement && e.target.dataset.endpoint)
          w.mapFocusTrouble.push(`focus lost: ${e.target.dataset.endpoint}`);
      },
      true,
    );
  });
  return () => page.evaluate(() => (window as unknown as { mapFocusTrouble: string[] }).mapFocusTrouble);
}

test("the map keeps the keyboard on its endpoint while a flow arrives and the lab saves", async ({ page }) => {
  await page.goto("/lessons/l3-l4-policies");
  await expect(terminal(page)).toContainText("root@server:~#");
  // A request that lands in 10 s (two sleeps of at most 5 s), while the learner is on the map: its flows add edges
  // (a new layout) and the lab saves (a new view of the lab over the same cluster).
  await runInTerminal(
    page,
    "sleep 5; sleep 5; kubectl exec tiefighter -- curl -s -XPOST deathstar.default.svc.cluster.local/v1/request-landing",
  );
  await page.getByRole("tab", { name: "Map" }).click();
  const tiefighter = page.getByRole("button", { name: "pod default/tiefighter" });
  await tiefighter.focus();
  await expect(tiefighter).toBeFocused();
  const trouble = await watchMapFocus(page);
  // Still before the request lands: otherwise this test would check nothing.
  await expect(page.locator(".react-flow__edge")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: /Saving|Saved/ })).toHaveCount(0);

  await expect(page.locator(".react-flow__edge")).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await expect(tiefighter).toBeFocused();
  await page.keyboard.press("ArrowDown");
  const xwing = page.getByRole("button", { name: "pod default/xwing" });
  await expect(xwing).toBeFocused();
  // Selecting redraws the edges and the pressed endpoint, not the nodes: the focus stays.
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("map-details")).toContainText("default/xwing");
  await expect(xwing).toHaveAttribute("aria-pressed", "true");
  await expect(xwing).toBeFocused();
  expect(await trouble()).toEqual([]);

  // Should the focused node be hidden all the same (as React Flow hides a node it measures again), the focus
  // returns to the same endpoint as soon as it can take it.
  await page.evaluate(async () => {
    const node = document.activeElement?.closest<HTMLElement>(".react-flow__node");
    if (!node) throw new Error("no focused node");
    node.style.visibility = "hidden";
    await new Promise<void>((resolve) => {
      const dropped = () => (document.activeElement === document.body ? resolve() : requestAnimationFrame(dropped));
      dropped();
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    node.style.visibility = "visible";
  });
  await expect(xwing).toBeFocused();
});
