import { describe, expect, it } from "vitest";
import { resolveDatabaseTarget } from "./url";

describe("choosing the database from DATABASE_URL", () => {
  it.each([
    [undefined, { provider: "sqlite", file: "/app/data/policy-lab.db" }],
    ["", { provider: "sqlite", file: "/app/data/policy-lab.db" }],
    ["file:./x/lab.db", { provider: "sqlite", file: "/app/x/lab.db" }],
    ["file:/var/lib/lab.db", { provider: "sqlite", file: "/var/lib/lab.db" }],
    ["file:///var/lib/lab.db", { provider: "sqlite", file: "/var/lib/lab.db" }],
  ])("%s → SQLite", (url, expected) => {
    expect(resolveDatabaseTarget(url, "/app")).toMatchObject(expected);
  });

  it.each(["postgres://u@h:5432/db", "postgresql://u:p@h/db?sslmode=require"])("%s → PostgreSQL", (url) => {
    expect(resolveDatabaseTarget(url, "/app")).toEqual({ provider: "postgresql", url });
  });

  it("rejects other schemes with a message that says what is accepted", () => {
    expect(() => resolveDatabaseTarget("mysql://u@h/db", "/app")).toThrow(/file:, postgres:\/\/ or postgresql:\/\//);
  });
});
