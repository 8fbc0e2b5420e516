import { describe, expect, it } from "vitest";
import { parseFlags, type FlagSpec } from "./flags";

const SPECS: FlagSpec[] = [
  { name: "namespace", short: "n", type: "string", usage: "" },
  { name: "all-namespaces", short: "A", type: "bool", usage: "" },
  { name: "filename", short: "f", type: "strings", usage: "" },
  { name: "tty", short: "t", type: "bool", usage: "" },
  { name: "stdin", short: "i", type: "bool", usage: "" },
];

describe("pflag-style parsing", () => {
  it("accepts interspersed flags, = forms, grouped shorthands and --", () => {
    const r = parseFlags(
      [
        "get",
        "-nkube-system",
        "pods",
        "--all-namespaces=false",
        "-it",
        "-f",
        "a.yaml",
        "-f=b.yaml",
        "--",
        "curl",
        "-s",
      ],
      SPECS,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.flags.args).toEqual(["get", "pods", "curl", "-s"]);
    expect(r.flags.dashAt).toBe(2);
    expect(r.flags.values.get("namespace")).toBe("kube-system");
    expect(r.flags.values.get("all-namespaces")).toBe("false");
    expect(r.flags.values.get("tty")).toBe("true");
    expect(r.flags.all.get("filename")).toEqual(["a.yaml", "b.yaml"]);
  });
  it("words errors as pflag does", () => {
    expect(parseFlags(["--colour"], SPECS)).toEqual({ ok: false, error: "unknown flag: --colour" });
    expect(parseFlags(["-z"], SPECS)).toEqual({ ok: false, error: "unknown shorthand flag: 'z' in -z" });
    expect(parseFlags(["-f"], SPECS)).toEqual({ ok: false, error: "flag needs an argument: 'f' in -f" });
    expect(parseFlags(["--namespace"], SPECS)).toEqual({ ok: false, error: "flag needs an argument: --namespace" });
  });
});
