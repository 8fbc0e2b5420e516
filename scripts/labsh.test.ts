import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseArgs } from "./labsh";

const root = fileURLToPath(new URL("..", import.meta.url));

function labsh(args: string[], input: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(
    process.execPath,
    [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "scripts/labsh.ts"), ...args],
    { input, encoding: "utf8", cwd: root, timeout: 60_000 },
  );
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe("labsh", () => {
  it("parses its arguments", () => {
    expect(parseArgs(["--scenario", "starwars", "--files=/tmp/x"])).toEqual({
      scenario: "starwars",
      files: "/tmp/x",
      seed: 1,
    });
  });

  it("prints `$ command` and the output, a heredoc as one command, deterministically", () => {
    const dir = mkdtempSync(join(tmpdir(), "labsh-"));
    writeFileSync(join(dir, "note.txt"), "from the lesson\n");
    const input = [
      "kubectl get pods",
      "",
      "# comments are skipped",
      "cat <<EOF | kubectl apply -f -",
      "apiVersion: cilium.io/v2",
      "kind: CiliumNetworkPolicy",
      "metadata:",
      "  name: rule1",
      "spec:",
      "  endpointSelector:",
      "    matchLabels:",
      "      class: deathstar",
      "  ingress:",
      "  - fromEndpoints:",
      "    - matchLabels:",
      "        org: empire",
      "EOF",
      "kubectl exec xwing -- curl -sS --connect-timeout 5 deathstar/v1/request-landing",
      "cat note.txt",
      "hubble observe --last 1",
    ].join("\n");
    const a = labsh(["--scenario", "starwars", "--files", dir], input);
    const b = labsh(["--scenario", "starwars", "--files", dir], input);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain("$ kubectl get pods\nNAME ");
    expect(a.stdout).toContain("$ cat <<EOF | kubectl apply -f -\napiVersion: cilium.io/v2\n");
    expect(a.stdout).toContain("EOF\nciliumnetworkpolicy.cilium.io/rule1 created\n");
    expect(a.stdout).toContain(
      "curl: (28) Failed to connect to deathstar port 80 after 5002 ms: Timeout was reached\ncommand terminated with exit code 28\n",
    );
    expect(a.stdout).toContain("$ cat note.txt\nfrom the lesson\n");
    expect(a.stdout).not.toContain("\x1b[");
    expect(a.stdout).not.toContain("comments are skipped");
  }, 60_000);

  it("fails only when it cannot read its input", () => {
    expect(labsh(["--scenario", "no-such-scenario"], "").status).toBe(2);
  }, 60_000);
});
