import { describe, expect, it } from "vitest";
import { orderByNeeds, parseChallengeChecks } from "./challenge";

const ok = (yaml: string) => {
  const r = parseChallengeChecks(yaml);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.checks;
};
const errors = (yaml: string) => {
  const r = parseChallengeChecks(yaml);
  return r.ok ? [] : r.errors;
};
const SETTING = "{ type: setting, enforcementMode: always }";

describe("parseChallengeChecks", () => {
  it("fills defaults: visible, no needs, weight 1, no hints", () => {
    expect(ok(`checks:\n  - { name: a, title: Always mode, check: ${SETTING} }\n`)).toEqual([
      {
        name: "a",
        title: "Always mode",
        check: { type: "setting", enforcementMode: "always" },
        hidden: false,
        needs: [],
        weight: 1,
        hints: [],
      },
    ]);
  });

  it("parses hints with flow, state and errors conditions", () => {
    const [c] = ok(`checks:
  - name: a
    title: Flows
    check: { type: flows, flows: [{ from: default/xwing, to: svc:default/deathstar, port: 80, expect: dropped }] }
    hints:
      - when: { flow: { from: default/xwing, method: GET, actual: allowed }, errors: false }
        text: the xwing got in
      - when: { state: ${SETTING} }
        text: in always mode
`);
    expect(c?.hints).toHaveLength(2);
  });

  it("names the field of every problem", () => {
    expect(errors("checks: []\n")).toEqual([expect.stringMatching(/^checks: /)]);
    expect(errors(`checks:\n  - { name: Bad_Name, title: x y z, check: ${SETTING} }\n`)).toEqual([
      expect.stringMatching(/^checks\.0\.name: must be kebab-case/),
    ]);
    expect(errors(`checks:\n  - { name: a, title: x y z, check: ${SETTING}, bogus: 1 }\n`).join()).toMatch(/bogus/);
    expect(errors("checks: [\n").join()).toMatch(/^YAML: /);
    expect(
      errors(`checks:\n  - { name: a, title: x y z, check: ${SETTING}, hints: [{ when: {}, text: hello }] }\n`).join(),
    ).toMatch(/when.*flow, state or errors/);
  });

  it("rejects duplicate names, unknown needs, self-needs and cycles", () => {
    const two = (a: string, b: string) =>
      `checks:\n  - { name: a, title: x y z, check: ${SETTING}${a} }\n  - { name: b, title: x y z, check: ${SETTING}${b} }\n`;
    expect(errors(two("", "").replace("name: b", "name: a")).join()).toMatch(/duplicate check "a"/);
    expect(errors(two(", needs: [zzz]", "")).join()).toMatch(/unknown check "zzz"/);
    expect(errors(two(", needs: [a]", "")).join()).toMatch(/cannot need itself/);
    expect(errors(two(", needs: [b]", ", needs: [a]")).join()).toMatch(/cycle: a → b → a/);
  });

  it("rejects command checks (challenges grade state) and all-hidden files", () => {
    expect(
      errors(
        `checks:\n  - { name: a, title: x y z, check: { type: any, checks: [{ type: command, match: kubectl }] } }\n`,
      ).join(),
    ).toMatch(/command.*lesson objectives only/);
    expect(errors(`checks:\n  - { name: a, title: x y z, hidden: true, check: ${SETTING} }\n`).join()).toMatch(
      /at least one check must be visible/,
    );
  });
});

describe("orderByNeeds", () => {
  it("puts needed checks first and keeps the authored order otherwise", () => {
    const checks = ok(`checks:
  - { name: c, title: x y z, needs: [b], check: ${SETTING} }
  - { name: a, title: x y z, check: ${SETTING} }
  - { name: b, title: x y z, needs: [a], check: ${SETTING} }
  - { name: d, title: x y z, check: ${SETTING} }
`);
    expect(orderByNeeds(checks).map((c) => c.name)).toEqual(["a", "b", "c", "d"]);
  });
});
