/**
 * vi/vim/nano FILE and kubectl edit: with the browser's editor (deps.editor) they open the file in the Files tab
 * (RunResult.open); without one (server, labsh) they answer as a machine without a terminal editor.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HeadlessLab } from "./transcript";

const root = fileURLToPath(new URL("../../", import.meta.url));
const scenarioText = readFileSync(`${root}content/scenarios/starwars.yaml`, "utf8");
const RULE1 =
  "kubectl apply -f https://raw.githubusercontent.com/cilium/cilium/1.19.4/examples/minikube/sw_l3_l4_policy.yaml";

function lab(editor: boolean): HeadlessLab {
  const l = new HeadlessLab({ scenarioName: "starwars", scenarioText, files: { "policy.yaml": "a: 1\n" } });
  (l.deps as { editor?: boolean }).editor = editor;
  return l;
}

describe("vi, vim, nano", () => {
  it("open a lab file in the editor, creating it when new", () => {
    const l = lab(true);
    const r = l.run("vi policy.yaml");
    expect(r.output).toBe("Opened ~/policy.yaml in the lab's editor, the Files tab.\n");
    expect(r.open).toEqual({ path: "/root/policy.yaml" });
    expect(r.exitCode).toBe(0);
    const n = l.run("nano +3 drafts.yaml");
    expect(n.output).toBe("Opened ~/drafts.yaml (a new file) in the lab's editor, the Files tab.\n");
    expect(n.state.files["/root/drafts.yaml"]).toBe("");
    expect(l.run("vim").stderr).toBe(
      "vim: name the file to edit (vim FILE): the lab's editor, the Files tab, opens files\n",
    );
  });

  it("without an editor, bash has none to start", () => {
    const l = lab(false);
    const r = l.run("vi policy.yaml");
    expect(r.stderr).toBe("bash: vi: command not found — edit files in the Files tab, or use cat > file <<EOF\n");
    expect(r.exitCode).toBe(127);
    expect(r.open).toBeUndefined();
  });
});

describe("kubectl edit", () => {
  it("opens the live object in a temp file under kubectl's header; its Apply changes the object", () => {
    const l = lab(true);
    l.run(RULE1);
    const r = l.run("kubectl edit cnp rule1");
    expect(r.exitCode).toBe(0);
    const path = r.open?.path as string;
    expect(path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(r.open?.applyWith).toBe(`kubectl apply -f ${path}`);
    expect(r.output).toBe(
      `Opened ${path} in the lab's editor (the Files tab): Save and apply there runs kubectl apply -f ${path}.\n`,
    );
    const text = r.state.files[path] as string;
    expect(text.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n")).toBe(true);
    expect(text).toContain(l.run("kubectl get cnp rule1 -o yaml").stdout);
    // the learner edits the buffer in the editor and applies it
    l.state = { ...l.state, files: { ...l.state.files, [path]: text.replace("org: empire", "org: alliance") } };
    expect(l.run(r.open?.applyWith as string).output).toBe("ciliumnetworkpolicy.cilium.io/rule1 configured\n");
    expect(l.run("kubectl exec xwing -- curl -s -XPOST deathstar/v1/request-landing").output).toBe("Ship landed\n");
  });

  it("TYPE/NAME, -n and -o json; errors name the problem", () => {
    const l = lab(true);
    const j = l.run("kubectl -n kube-system edit deployment/coredns -o json");
    expect(j.open?.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.json$/);
    expect(JSON.parse(j.state.files[j.open?.path as string] as string).metadata.name).toBe("coredns");
    expect(l.run("kubectl edit pod nope").stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(l.run("kubectl edit pods").stderr).toBe(
      "error: this lab's kubectl edit opens one object at a time: kubectl edit pods NAME\n",
    );
    expect(l.run("kubectl edit flux xwing").stderr).toBe('error: the server doesn\'t have a resource type "flux"\n');
  });

  it("without an editor: kubectl's error for the editor it cannot start ($KUBE_EDITOR, $EDITOR, vi)", () => {
    const l = lab(false);
    l.run(RULE1);
    const r = l.run("kubectl edit cnp rule1");
    expect(r.stderr).toBe(`error: unable to launch the editor "vi"\n`);
    expect(r.exitCode).toBe(1);
    l.run("export EDITOR=nano");
    expect(l.run("kubectl edit cnp rule1").stderr).toBe(`error: unable to launch the editor "nano"\n`);
  });
});
