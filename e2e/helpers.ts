import { expect, request, type APIRequestContext, type Page } from "@playwright/test";

/** The lab's terminal (xterm's rows and its screen-reader tree are inside). */
export const terminal = (page: Page) => page.getByTestId("terminal");

/** Types a command into the lab's terminal, as a learner does, and presses Enter. */
export async function runInTerminal(page: Page, command: string): Promise<void> {
  await terminal(page).click();
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
}

/** A fresh learner for API calls: a new request context that opened `page` first, which hands out the cookie. */
export async function learnerFrom(baseURL: string | undefined, page: string): Promise<APIRequestContext> {
  const ctx = await request.newContext({ baseURL });
  expect((await ctx.get(page)).status()).toBe(200);
  return ctx;
}

/** The landing policy of challenge 3: L3/L4 only (lets PUT /v1/exhaust-port through), or with the HTTP rule. */
export const landingPolicy = (withL7: boolean) =>
  [
    "cat <<EOF | kubectl apply -f -",
    "apiVersion: cilium.io/v2",
    "kind: CiliumNetworkPolicy",
    "metadata:",
    "  name: landing",
    "spec:",
    "  endpointSelector:",
    "    matchLabels:",
    "      org: empire",
    "      class: deathstar",
    "  ingress:",
    "  - fromEndpoints:",
    "    - matchLabels:",
    "        org: empire",
    "    toPorts:",
    "    - ports:",
    '      - port: "80"',
    "        protocol: TCP",
    ...(withL7
      ? ["      rules:", "        http:", "        - method: POST", "          path: /v1/request-landing"]
      : []),
    "EOF",
  ].join("\n");
