/**
 * Before hydration a click on a workshop form's submit button would submit it natively: a GET that puts the
 * display name, or the instructor's password, into the URL (and the server's logs) and reloads the page. The
 * server's HTML therefore has the submit buttons disabled and the forms set to POST.
 */
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: () => {}, refresh: () => {} }) }));

const { JoinForm } = await import("./JoinForm");
const { SignInForm } = await import("./SignInForm");

function submitButton(html: string, label: string): string {
  const button = new RegExp(`<button[^>]*>${label}</button>`).exec(html)?.[0];
  if (!button) throw new Error(`no "${label}" button in ${html}`);
  return button;
}

describe("workshop forms before hydration", () => {
  const cases: [string, ReactElement, string][] = [
    ["join", createElement(JoinForm, { code: "ABCD2345" }), "Join the workshop"],
    ["sign-in", createElement(SignInForm), "Sign in"],
  ];
  for (const [name, element, label] of cases) {
    it(`${name}: the submit button is disabled and the form posts`, () => {
      const html = renderToString(element);
      expect(submitButton(html, label)).toMatch(/\sdisabled=""/);
      expect(html).toMatch(/<form[^>]*method="post"/);
    });
  }
});
