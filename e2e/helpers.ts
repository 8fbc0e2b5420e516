import { expect, request, type APIRequestContext, type Page } from "@playwright/test";
import http from "node:http";

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

/** Challenge 2's (imperial-airspace) solution as a manifest: only org=empire reaches the Death Star, on 80/TCP. */
export const IMPERIAL_AIRSPACE_SOLUTION = `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: imperial-airspace
spec:
  endpointSelector:
    matchLabels:
      class: deathstar
  ingress:
  - fromEndpoints:
    - matchLabels:
        org: empire
    toPorts:
    - ports:
      - port: "80"
        protocol: TCP
`;

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

/**
 * A learner whose requests come from another loopback address (`npm start` counts per-address limits on the
 * socket's address, so headers cannot fake one): a test that trips a per-address limit on purpose must not lock
 * out 127.0.0.1, which every other spec shares.
 */
export async function learnerFromAddress(baseURL: string | undefined, localAddress: string, page: string) {
  const base = new URL(baseURL ?? "http://127.0.0.1:3000");
  let cookie = "";
  const send = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          host: base.hostname,
          port: base.port,
          path,
          method,
          localAddress,
          headers: {
            ...(cookie ? { cookie } : {}),
            ...(payload !== undefined ? { "content-type": "application/json" } : {}),
          },
        },
        (res) => {
          const set = res.headers["set-cookie"];
          if (set) cookie = set.map((c) => c.split(";")[0]).join("; ");
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => {
            let json: unknown = null;
            try {
              json = JSON.parse(text);
            } catch {
              json = null;
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  expect((await send("GET", page)).status).toBe(200);
  return { post: (path: string, body: unknown) => send("POST", path, body) };
}
