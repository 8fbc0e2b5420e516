import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { landingPolicy as policy, runInTerminal } from "./helpers";
import { createInstructorAccount } from "./workshop-helpers";

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function join(page: Page, joinUrl: string, name: string) {
  await page.goto(joinUrl);
  await page.getByLabel("Your name, as the instructor will see it").fill(name);
  await page.getByRole("button", { name: "Join the workshop" }).click();
  await page.waitForURL("**/challenges/landing-protocol");
  await expect(page.getByRole("navigation", { name: "Workshop" })).toContainText(`you are ${name}`);
  await expect(page.getByTestId("terminal")).toContainText("root@server:~#");
}

async function check(page: Page, solved: boolean) {
  await page.getByRole("button", { name: "Check my work" }).click();
  if (solved) await expect(page.getByText("✓ Challenge solved — score 100%")).toBeVisible();
  else await expect(page.getByText(/Not solved yet — score \d+%/)).toBeVisible();
}

test("an instructor runs a workshop: two learners join, one fails then fixes a check, the dashboard, announcements and CSV follow", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const { email, password } = createInstructorAccount("teacher");

  // Sign in and create the workshop through the pages.
  await page.goto("/instructor");
  await page.waitForURL("**/instructor/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Your workshops" })).toBeVisible();
  await page.getByLabel("Title").fill("Morning class");
  await page.getByRole("button", { name: "Add Landing protocol" }).click();
  await page.getByRole("button", { name: "Create workshop" }).click();
  await expect(page.getByRole("heading", { name: "Morning class" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code of the join link" }).locator("svg")).toBeVisible();
  const joinUrl = (await page.getByTestId("join-url").textContent()) as string;
  expect(joinUrl).toMatch(/\/join\/[2-9A-Z]{8}$/);
  await expect(page.getByText("No learners yet")).toBeVisible();

  // Two learners, each in their own browser context (their own learner cookie).
  const ann = await (await browser.newContext()).newPage();
  const ben = await (await browser.newContext()).newPage();
  await join(ann, joinUrl, "Ann");
  await join(ben, joinUrl, "Ben");
  const grid = page.getByRole("table", { name: "Learners by item" });
  await expect(grid.locator('tr[data-learner="Ann"]')).toContainText("not started");
  await expect(grid.locator('tr[data-learner="Ben"]')).toContainText("not started");

  // Ann's first try lets the exhaust-port request through; the class statistics say so.
  await runInTerminal(ann, policy(false));
  await expect(ann.getByTestId("terminal")).toContainText("ciliumnetworkpolicy.cilium.io/landing created");
  await check(ann, false);
  const stats = page.getByRole("article", { name: "Statistics for Landing protocol" });
  await expect(stats.getByRole("list", { name: "Wrong verdicts" })).toContainText(
    "100% still allow default/tiefighter → svc:default/deathstar:80 PUT /v1/exhaust-port",
  );
  await expect(grid.locator('tr[data-learner="Ann"]')).toContainText("1 attempt · best");
  await expect(stats.getByRole("table", { name: "Checks failed" })).toContainText(
    "PUT /v1/exhaust-port is refused with 403 Access denied",
  );

  // Ann fixes it; Ben solves it at once.
  await runInTerminal(ann, policy(true));
  await expect(ann.getByTestId("terminal")).toContainText("ciliumnetworkpolicy.cilium.io/landing configured");
  await check(ann, true);
  await runInTerminal(ben, policy(true));
  await expect(ben.getByTestId("terminal")).toContainText("ciliumnetworkpolicy.cilium.io/landing created");
  await check(ben, true);
  await expect(grid.locator('tr[data-learner="Ann"]')).toContainText("done2 attempts · best 100");
  await expect(grid.locator('tr[data-learner="Ben"]')).toContainText("done1 attempt · best 100");
  await expect(stats).toContainText("2 started · 2 done · 2 submitted");
  await expect(stats.getByRole("list", { name: "Wrong verdicts" })).toContainText(
    "0% still allow default/tiefighter → svc:default/deathstar:80 PUT /v1/exhaust-port (50% at some point",
  );

  // An announcement reaches both labs without a reload.
  await page.getByLabel("Announcement to everyone").fill("We restart at 14:00");
  await page.getByRole("button", { name: "Send" }).click();
  for (const learner of [ann, ben])
    await expect(learner.getByRole("status", { name: "Announcement" })).toContainText("We restart at 14:00");

  // The grid as CSV.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export grid (CSV)" }).click(),
  ]);
  const rows = parseCsv(readFileSync((await download.path()) as string, "utf8"));
  expect(rows[0]?.slice(0, 6)).toEqual(["learner_id", "display_name", "joined_at", "last_activity", "done", "stuck"]);
  expect(rows[0]).toContain("challenge:landing-protocol status");
  const byName = new Map(rows.slice(1).map((r) => [r[1], r]));
  expect([...byName.keys()].sort()).toEqual(["Ann", "Ben"]);
  const status = rows[0]!.indexOf("challenge:landing-protocol status");
  expect(byName.get("Ann")?.[status]).toBe("done");
  expect(byName.get("Ann")?.[status + 1]).toBe("2");
  expect(byName.get("Ben")?.[status + 1]).toBe("1");

  // Drill into Ann: her latest attempt and the policy in her lab, read-only.
  await grid.getByRole("link", { name: "Ann" }).click();
  await expect(page.getByRole("heading", { name: "Ann" })).toBeVisible();
  await expect(page.getByText("Latest of 2 attempts: score 100, passed")).toBeVisible();
  await expect(page.getByText("CiliumNetworkPolicy default/landing")).toBeVisible();
  await expect(page.getByLabel("Command history")).toContainText("kubectl apply -f -");
});
