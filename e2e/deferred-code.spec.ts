import { expect, test, type Page } from "@playwright/test";
import { runInTerminal as run, terminal } from "./helpers";

/**
 * A lesson page starts without the YAML parser, the RE2 engine, the lab's other tools, the cluster's
 * operations, the policy compiler and the objectives' checks; each arrives the first time a command needs it,
 * the command then runs as usual, and Tab completes once the lab is in use. Markers are strings only those
 * pieces contain.
 */
const MARKERS = {
  yaml: "Implicit keys need to be on a single line",
  re2: "invalid nested repetition operator",
  tools: "Could not resolve host",
  clusterOps: "Service Unavailable",
  compiler: "Combining ToServices and ToPorts is not supported yet",
  checks: "no command you ran matches yet",
} as const;

function watchScripts(page: Page) {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") bodies.push(response.text());
  });
  return async (marker: string) => (await Promise.all(bodies)).some((b) => b.includes(marker));
}

test("the lab's heavier code arrives when a command needs it", async ({ page }) => {
  const loaded = watchScripts(page);
  await page.goto("/lessons/l7-http");
  await expect(terminal(page)).toContainText("root@server:~#");
  await page.waitForLoadState("networkidle");
  for (const marker of Object.values(MARKERS))
    expect(await loaded(marker), `loaded with the page: ${marker}`).toBe(false);

  // The first command needs them all: kubectl apply (a tool, the cluster's operations), the manifest (YAML), its
  // HTTP rules (RE2, the compiler), and the objectives are checked again on the changed lab.
  await run(
    page,
    "kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_l7_policy.yaml",
  );
  await expect(terminal(page)).toContainText("ciliumnetworkpolicy.cilium.io/rule1 created");
  for (const marker of Object.values(MARKERS))
    expect(await loaded(marker), `fetched for the command: ${marker}`).toBe(true);
  await run(page, "kubectl exec tiefighter -- curl -s -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port");
  await expect(terminal(page)).toContainText("Access denied");

  // Completion of a deferred tool's flags works now the lab has everything.
  await terminal(page).click();
  await page.keyboard.type("hubble observe --verd");
  await page.keyboard.press("Tab");
  await expect(terminal(page)).toContainText("hubble observe --verdict");
});
