/**
 * The lab's own help: what `help` prints, and the hints after "command not found". Text only a learner who
 * asks (or mistypes) needs, so it arrives with the lab's other tools (./deferred-tools.ts).
 */
/** What `help` prints: the lab's commands, one line each. */
export function helpText(): string {
  const rows: [string, string][] = [
    [
      "kubectl get|describe|apply|create|delete|label|exec|edit",
      "the cluster (kubectl 1.34); get -w watches until Ctrl-C",
    ],
    ["kubectl api-resources|version|config current-context", ""],
    [
      "kubectl -n kube-system exec ds/cilium -- cilium-dbg …",
      "the Cilium agent: endpoint list, identity list, policy get, status",
    ],
    ["cilium status|config view|config set", "the Cilium CLI"],
    [
      "hubble observe",
      "flows: --verdict --pod --from-pod --to-pod --namespace --protocol --http-status --last -o json --print-policy-names; -f follows until Ctrl-C",
    ],
    ["helm upgrade cilium cilium/cilium --reuse-values --set k=v", "change Cilium's settings"],
    ["docker exec NODE-OR-CONTAINER CMD", "run a command on a node or an external container"],
    ["curl nc nslookup dig ping", "inside pods: kubectl exec POD -- curl …"],
    [
      "lab explain|allow|impact|matrix",
      "this lab's own tool: why a flow gets its verdict, the policy that allows it, what a file would change",
    ],
    ["ls cat echo rm cp mv touch grep head tail wc", "files in ~ (cat > file <<EOF writes one)"],
    ["vi vim nano FILE", "open a file in the lab's editor (the Files tab)"],
    ["clear history export help", "the shell; Tab completes, Up/Down and Ctrl-R recall, Ctrl-C cancels"],
  ];
  const w = Math.max(...rows.map((r) => r[0].length)) + 3;
  return "Commands in this lab:\n" + rows.map(([c, d]) => `  ${d ? c.padEnd(w) + d : c}`).join("\n") + "\n";
}

const HINTS: Readonly<Record<string, string>> = {
  vim: "edit files in the Files tab, or use cat > file <<EOF",
  vi: "edit files in the Files tab, or use cat > file <<EOF",
  nano: "edit files in the Files tab, or use cat > file <<EOF",
  emacs: "edit files in the Files tab, or use cat > file <<EOF",
  code: "edit files in the Files tab, or use cat > file <<EOF",
  sudo: "you are already root here",
  k: "this lab has no aliases: type kubectl",
  watch: "run the command again instead (Up arrow, Enter)",
  kind: "the kind cluster is already running: use kubectl",
  minikube: "this lab's cluster is a kind cluster: use kubectl",
  apt: "nothing can be installed in this lab",
  "apt-get": "nothing can be installed in this lab",
  ssh: "use docker exec NODE … to run commands on a node",
  for: "loops are not part of this lab's shell: run the commands one by one",
  while: "loops are not part of this lab's shell: run the commands one by one",
  do: "loops are not part of this lab's shell: run the commands one by one",
  done: "loops are not part of this lab's shell: run the commands one by one",
  if: "conditionals are not part of this lab's shell: use && and ||",
  then: "conditionals are not part of this lab's shell: use && and ||",
  fi: "conditionals are not part of this lab's shell: use && and ||",
  "cilium-dbg": "it runs inside the Cilium agent: kubectl -n kube-system exec ds/cilium -- cilium-dbg …",
};

/** The hint after bash's "command not found" (lib/shell/programs.ts notFound). */
export function notFoundHint(name: string): string {
  return Object.prototype.hasOwnProperty.call(HINTS, name)
    ? (HINTS[name] as string)
    : "type help to see what this lab supports";
}
