import { expect, test, type Page } from "@playwright/test";
import { runInTerminal, terminal } from "./helpers";

/** The text rows xterm shows (DOM renderer), without the accessibility tree. */
const rows = (page: Page) => page.locator('[data-testid="terminal"] .xterm-rows');

test.describe("the lab's terminal, as a learner uses it (issue 12)", () => {
  test("the Copy button sits above the screen; selecting text leaves the clipboard alone; Copy joins wrapped lines", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/lessons/lab-mechanics");
    await expect(rows(page)).toContainText("root@server:~#");
    const copy = page.getByRole("button", { name: "Copy terminal text" });
    const button = await copy.boundingBox();
    const screen = await page.locator('[data-testid="terminal"] .xterm-screen').boundingBox();
    expect(button && screen && button.y + button.height <= screen.y).toBe(true);

    const long = "x".repeat(150);
    await runInTerminal(page, `echo ${long}`);
    await expect(rows(page)).toContainText("xxxxxxxxxx");
    await page.evaluate(() => navigator.clipboard.writeText("mine"));
    // Select across the screen with the mouse, as a learner does to read or copy part of it.
    const box = (await page.locator('[data-testid="terminal"] .xterm-screen').boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 5, box.y + 40);
    await page.mouse.up();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("mine");

    await page.mouse.click(box.x + 5, box.y + box.height - 5); // clears the selection
    await copy.click();
    await expect(copy).toHaveText("Copied");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split("\n")).toContain(long);
  });

  test("a lesson's Run keeps what the learner had half-typed; echo -n output stays on screen", async ({ page }) => {
    await page.goto("/lessons/lab-mechanics");
    await expect(rows(page)).toContainText("root@server:~#");
    await terminal(page).click();
    await page.keyboard.type("echo -n hello");
    await page.keyboard.press("Enter");
    await expect(rows(page)).toContainText("helloroot@server:~#");
    await page.keyboard.type("kubectl get po");
    await page
      .getByRole("button", { name: /^Run: kubectl exec tiefighter -- curl -s -XPOST/ })
      .first()
      .click();
    await expect(rows(page)).toContainText("Ship landed");
    await expect(rows(page)).toContainText(/Ship landed\s*root@server:~# kubectl get po\s*$/);
  });

  test("a skip link reaches the terminal in a few Tabs; Shift+Tab leaves it; screen-reader mode is a setting", async ({
    page,
  }) => {
    await page.goto("/lessons/lab-mechanics");
    await expect(rows(page)).toContainText("root@server:~#");
    let found = false;
    for (let i = 0; i < 12 && !found; i++) {
      await page.keyboard.press("Tab");
      found = await page.evaluate(() => document.activeElement?.textContent === "Skip to the lab");
    }
    expect(found).toBe(true);
    await page.keyboard.press("Enter");
    // the keyboard is in the terminal when xterm's input (its helper textarea) has the focus; the bar's buttons are not it
    const inTerminal = () =>
      page.evaluate(() => document.activeElement?.classList.contains("xterm-helper-textarea") === true);
    await expect.poll(inTerminal).toBe(true);
    await page.keyboard.type("kubectl get ciliumnetworkp");
    await page.keyboard.press("Tab");
    await expect(rows(page)).toContainText("kubectl get ciliumnetworkpolicies");
    await page.keyboard.press("Shift+Tab");
    await expect.poll(inTerminal).toBe(false);
    await expect(page.getByText("Shift+Tab leaves the terminal")).toBeVisible();

    const sr = page.getByLabel("Screen reader mode");
    await expect(sr).not.toBeChecked();
    await expect(page.locator('[data-testid="terminal"] .xterm-accessibility')).toHaveCount(0);
    await sr.check();
    await expect(page.locator('[data-testid="terminal"] .xterm-accessibility')).toHaveCount(1);
    await page.reload();
    await expect(page.getByLabel("Screen reader mode")).toBeChecked();
  });

  test("wide output: the lab starts wider than the lesson, and a too-wide table says the divider can be dragged", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/lessons/lab-mechanics");
    await expect(rows(page)).toContainText("root@server:~#");
    await expect(page.getByRole("separator", { name: "Resize the lesson and the lab" })).toHaveAttribute(
      "aria-valuenow",
      "40",
    );
    await runInTerminal(page, "kubectl -n kube-system exec ds/cilium -- cilium-dbg endpoint list");
    await expect(rows(page)).toContainText("reserved:health");
    await expect(page.getByRole("status").filter({ hasText: "drag the divider" })).toBeVisible();
  });

  test("hubble observe --follow streams a flow sent from the Flows tab until Ctrl-C, and the prompt comes back", async ({
    page,
  }) => {
    await page.goto("/lessons/lab-mechanics");
    await expect(rows(page)).toContainText("root@server:~#");
    await runInTerminal(page, "hubble observe --follow --pod xwing");
    await expect(rows(page)).toContainText("hubble observe --follow --pod xwing");
    // another view makes traffic while the terminal follows
    await page.getByRole("tab", { name: "Flows" }).click();
    const send = page.getByRole("form", { name: "Send a request" });
    await send.getByLabel("From").selectOption("default/xwing");
    await send.getByLabel("curl").fill("deathstar/v1/");
    await send.getByRole("button", { name: "Send" }).click();
    await expect(send).toContainText("$ kubectl exec -n default xwing -- curl -s --connect-timeout 2 deathstar/v1/");
    await page.getByRole("tab", { name: "Terminal" }).click();
    await expect(rows(page)).toContainText(/default\/xwing:\d+ \(ID:\d+\) -> default\/deathstar/);
    await expect(rows(page)).not.toContainText(/root@server:~#\s*$/);
    await terminal(page).click();
    await page.keyboard.press("Control+C");
    await expect(rows(page)).toContainText(/\^C\s*root@server:~#\s*$/);
    await page.keyboard.type("echo back");
    await page.keyboard.press("Enter");
    await expect(rows(page)).toContainText(/back\s*root@server:~#\s*$/);
  });

  test("vi FILE and kubectl edit open the file in the editor; the edit's Save and apply applies it", async ({
    page,
  }) => {
    await page.goto("/lessons/lab-mechanics");
    await expect(rows(page)).toContainText("root@server:~#");
    await runInTerminal(page, "vi notes.yaml");
    await expect(page.getByRole("textbox", { name: "Contents of ~/notes.yaml" })).toBeVisible();
    await page.getByRole("tab", { name: "Terminal" }).click();
    await expect(rows(page)).toContainText("Opened ~/notes.yaml (a new file) in the lab's editor, the Files tab.");
    await runInTerminal(page, "kubectl edit svc deathstar");
    const editor = page.getByRole("textbox", { name: /^Contents of \/tmp\/kubectl-edit-\d+\.yaml$/ });
    await expect(editor).toContainText("# Please edit the object below.");
    await expect(editor).toContainText("name: deathstar");
    await page.getByRole("button", { name: "Save and apply" }).click();
    await expect(rows(page)).toContainText(/kubectl apply -f \/tmp\/kubectl-edit-\d+\.yaml/);
    await expect(rows(page)).toContainText(/service\/deathstar (configured|unchanged)/);
  });

  test("Reset asks first and can be undone", async ({ page }) => {
    await page.goto("/lessons/lab-mechanics");
    await page.getByRole("button", { name: "Run: kubectl apply -f rule1.yaml" }).click();
    await expect(rows(page)).toContainText("rule1 created");
    await page.getByRole("button", { name: "Reset lab" }).click();
    await page.getByRole("alertdialog", { name: "Reset the lab?" }).getByRole("button", { name: "Cancel" }).click();
    await runInTerminal(page, "kubectl get cnp");
    await expect(rows(page)).toContainText(/rule1\s+\S+\s+True/);

    await page.getByRole("button", { name: "Reset lab" }).click();
    await page
      .getByRole("alertdialog", { name: "Reset the lab?" })
      .getByRole("button", { name: "Reset", exact: true })
      .click();
    await runInTerminal(page, "kubectl get cnp");
    await expect(rows(page)).toContainText("No resources found in default namespace.");
    // Undo is offered until the learner changes something; the first command above already did.
    await page.getByRole("button", { name: "Reset lab" }).click();
    await page
      .getByRole("alertdialog", { name: "Reset the lab?" })
      .getByRole("button", { name: "Reset", exact: true })
      .click();
    await page.getByRole("button", { name: "Undo reset" }).click();
    await runInTerminal(page, "history");
    await expect(rows(page)).toContainText("kubectl get cnp");
  });

  test("a policy's age goes on across a reload", async ({ page }) => {
    await page.goto("/lessons/lab-mechanics");
    await page.getByRole("button", { name: "Run: kubectl apply -f rule1.yaml" }).click();
    await expect(rows(page)).toContainText("rule1 created");
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
    await page.waitForTimeout(5_000);
    await page.reload();
    await runInTerminal(page, "kubectl get cnp rule1");
    await expect(rows(page)).toContainText(/rule1\s+\S+\s+True/);
    const age = Number(/rule1\s+(\d+)s\s+True/.exec((await rows(page).textContent()) ?? "")?.[1]);
    expect(age).toBeGreaterThanOrEqual(5);
  });

  test("a wrong quiz answer does not give the right one away; answers survive a reload and count on the progress page", async ({
    page,
  }) => {
    await page.goto("/lessons/lab-mechanics");
    const quiz = page.locator("fieldset").filter({ hasText: "With only rule1 applied, the xwing connects" });
    await quiz.getByLabel("Dropped: rule1 put the whole namespace in default deny.").check();
    await quiz.getByRole("button", { name: "Check" }).click();
    await expect(quiz.getByRole("status")).toContainText("Not yet");
    await expect(quiz).not.toContainText("Both ends are unrestricted");
    await expect(quiz).not.toContainText("You missed this one");
    await quiz.getByLabel("Allowed: no policy selects the xwing's egress or the tiefighter's ingress.").check();
    await quiz.getByRole("button", { name: "Check" }).click();
    await expect(quiz.getByRole("status")).toContainText("Correct");
    await page.reload();
    await expect(quiz.getByRole("status")).toContainText("Correct");
    await expect(
      quiz.getByLabel("Allowed: no policy selects the xwing's egress or the tiefighter's ingress."),
    ).toBeChecked();
    await page.goto("/progress");
    await expect(page.locator('[data-quizzes="/lessons/lab-mechanics"]')).toHaveText("1/3 quizzes");
  });

  test("challenge feedback names checks by title and shows code as code", async ({ page }) => {
    await page.goto("/challenges/grading-mechanics");
    await expect(rows(page)).toContainText("root@server:~#");
    await page.getByRole("button", { name: "Check my work" }).click();
    const lands = page.locator('[data-check="lands-after-lockout"]');
    await expect(lands).toHaveAttribute("data-status", "blocked");
    await expect(lands).toContainText("Checked once this passes: “The X-wing cannot connect at all”.");
    // A hint's `code` is set as code, not as backticks.
    const exhaust = page.locator('[data-check="exhaust-port-safe"]');
    await expect(exhaust.locator("code", { hasText: "rules: http:" })).toBeVisible();
    await expect(exhaust).not.toContainText("`");
  });
});

test.describe("the lab on a phone (issue 12)", () => {
  test("the lab is one tap away from anywhere, and Run shows its result @phone", async ({ page }) => {
    await page.goto("/lessons/lab-mechanics");
    await expect(rows(page)).toContainText("root@server:~#");
    const lab = page.getByRole("region", { name: "Lab", exact: true });
    const inView = async () => {
      const b = await lab.boundingBox();
      const h = page.viewportSize()!.height;
      return b !== null && b.y < h * 0.5 && b.y + b.height > 0;
    };
    expect(await inView()).toBe(false);
    const bar = page.getByRole("navigation", { name: "Lesson and lab" });
    await bar.getByRole("button", { name: "Lab" }).click();
    await expect.poll(inView).toBe(true);
    await bar.getByRole("button", { name: "Lesson" }).click();
    await expect.poll(inView).toBe(false);

    await page
      .getByRole("button", { name: /^Run: kubectl exec tiefighter -- curl -s -XPOST/ })
      .first()
      .click();
    await expect.poll(inView).toBe(true);
    await expect(rows(page)).toContainText("Ship landed");
  });
});
