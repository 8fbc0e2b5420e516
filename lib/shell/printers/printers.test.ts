import { describe, expect, it } from "vitest";
import { smartLabel } from "./describe";
import { humanDuration, stampMilli } from "./duration";
import { sha256Hex } from "./sha256";
import { toJson } from "./json";
import { KUBECTL_TABLE, tabwrite } from "./tabwriter";
import { toYaml } from "./yaml";

describe("tabwriter (Go text/tabwriter semantics)", () => {
  it("pads every column but the last to max(6, longest + 3)", () => {
    expect(tabwrite("NAME\tAGE\tVALID\nrule1\t38s\tTrue\n", KUBECTL_TABLE)).toBe(
      "NAME    AGE   VALID\nrule1   38s   True\n",
    );
  });
  // Go pads these too; the lab drops padding at a line's end, which wraps into blank rows in a narrow terminal (issue 12)
  it("drops the padding of an empty last cell (cep IPV6)", () => {
    expect(tabwrite("IPV4\tIPV6\n10.0.0.1\t\n", KUBECTL_TABLE)).toBe("IPV4       IPV6\n10.0.0.1\n");
  });
  it("aligns columns but drops trailing padding when lines end with a tab (cilium-dbg)", () => {
    expect(tabwrite("ID\tA\t\n1\tBB\t\n22\t\t\n", { minwidth: 5, padding: 3 })).toBe("ID   A\n1    BB\n22\n");
  });
  it("a line without tabs ends the alignment block (describe)", () => {
    expect(tabwrite("Name:\tx\nIPs:\n  IP:\ty\nLonger label:\tz\n", { minwidth: 0, padding: 2 })).toBe(
      "Name:  x\nIPs:\n  IP:          y\nLonger label:  z\n",
    );
  });
});

describe("HumanDuration (apimachinery)", () => {
  const s = 1000;
  it.each([
    [-5 * s, "<invalid>"],
    [-1 * s, "0s"],
    [5 * s, "5s"],
    [119 * s, "119s"],
    [200 * s, "3m20s"],
    [240 * s, "4m"],
    [42 * 60 * s, "42m"],
    [179 * 60 * s, "179m"],
    [185 * 60 * s, "3h5m"],
    [7 * 3600 * s, "7h"],
    [47 * 3600 * s, "47h"],
    [51 * 3600 * s, "2d3h"],
    [120 * 3600 * s, "5d"],
    [45 * 86400 * s, "45d"],
    [(2 * 365 + 17) * 86400 * s, "2y17d"],
    [9 * 365 * 86400 * s, "9y"],
  ])("%d ms → %s", (ms, want) => expect(humanDuration(ms)).toBe(want));
  it("StampMilli pads single-digit days with a space", () => {
    expect(stampMilli(Date.UTC(2025, 7, 5, 10, 21, 7, 412))).toBe("Aug  5 10:21:07.412");
  });
});

describe("YAML (sigs.k8s.io/yaml style) and JSON", () => {
  it("sorts keys, keeps list items at the parent's column, quotes ambiguous strings", () => {
    const y = toYaml({
      spec: {
        ingress: [{ toPorts: [{ ports: [{ port: "80", protocol: "TCP" }] }] }],
        z: "yes",
        e: "",
        t: "2025-08-05T10:20:31Z",
        star: "*",
        b: true,
        nil: null,
        m: {},
        n: "x",
      },
    });
    expect(y).toBe(
      [
        "spec:",
        "  b: true",
        '  e: ""'.replace('""', "''"),
        "  ingress:",
        "  - toPorts:",
        "    - ports:",
        '      - port: "80"',
        "        protocol: TCP",
        "  m: {}",
        '  "n": x',
        "  nil: null",
        "  star: '*'",
        '  t: "2025-08-05T10:20:31Z"',
        '  z: "yes"',
        "",
      ].join("\n"),
    );
  });
  it("prints multi-line strings as literal blocks", () => {
    expect(toYaml({ a: { b: '{"x":1}\n' } })).toBe('a:\n  b: |\n    {"x":1}\n');
  });
  it("JSON has 4-space indentation, sorted keys and Go's HTML escaping", () => {
    expect(toJson({ b: 1, a: ["<x>"] })).toBe('{\n    "a": [\n        "\\u003cx\\u003e"\n    ],\n    "b": 1\n}');
  });
});

describe("describe smart labels", () => {
  it.each([
    ["endpointSelector", "Endpoint Selector"],
    ["apiVersion", "API Version"],
    ["uid", "UID"],
    ["matchLabels", "Match Labels"],
    ["toCIDRSet", "To CIDR Set"],
    ["org", "Org"],
    ["k8s:app", "k8s:app"],
    ["io.kubernetes.pod.namespace", "io.kubernetes.pod.namespace"],
  ])("%s → %s", (field, want) => expect(smartLabel(field)).toBe(want));
});

describe("sha256Hex (Cilium's labelsSHA256)", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    [
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ],
  ])("%j", (text, want) => expect(sha256Hex(text)).toBe(want));
});
