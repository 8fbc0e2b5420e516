/**
 * kubectl's commands other than `get`, declared: path, summary, usage, argument kind and flags, eager (cobra,
 * `--help` and Tab completion read them). Their code arrives with the lab's other tools: ./deferred.ts
 * implements each key, and the compiler holds the two equal.
 */
import { declare } from "../commands";

const FILE_FLAG = {
  name: "filename",
  short: "f",
  type: "strings" as const,
  usage: "The files that contain the configurations.",
};
const DRY_RUN = {
  name: "dry-run",
  type: "string" as const,
  usage: 'Must be "none", "server", or "client".',
  values: ["none", "server", "client"],
};

/**
 * Real kubectl commands this lab does not simulate: each says so and what to do instead (./refusals.ts), with
 * kubectl's error style — never a silent failure or a fake flag error. Their arguments are not parsed.
 */
export const NOT_IN_LAB = [
  "logs",
  "patch",
  "replace",
  "annotate",
  "run",
  "expose",
  "scale",
  "port-forward",
  "proxy",
  "explain",
  "top",
  "cp",
  "attach",
  "debug",
  "cordon",
  "uncordon",
  "drain",
  "taint",
  "wait",
  "diff",
  "events",
  "auth",
] as const;
export const ROLLOUT_NOT_IN_LAB = ["history", "undo", "pause", "resume"] as const;

const notInLab = <W extends string>(words: W) =>
  declare(`kubectl ${words}`, {
    summary: "(not available in this lab)",
    usage: `kubectl ${words}`,
    rawArgs: true,
    flags: [],
  });

/** kubectl's table after `get`. */
export const KUBECTL_COMMANDS = [
  declare("kubectl describe", {
    summary: "Show details of a specific resource or group of resources.",
    usage: "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
    args: "types-and-names",
    flags: [
      {
        name: "all-namespaces",
        short: "A",
        type: "bool",
        usage: "If present, list the requested object(s) across all namespaces.",
      },
      { name: "selector", short: "l", type: "string", usage: "Selector (label query) to filter on." },
      { name: "show-events", type: "bool", usage: "If true, display events related to the described object." },
    ],
  }),
  declare("kubectl apply", {
    summary: "Apply a configuration to a resource by file name or stdin.",
    usage: "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
    args: "files",
    flags: [
      FILE_FLAG,
      DRY_RUN,
      { name: "server-side", type: "bool", usage: "If true, apply runs in the server instead of the client." },
      { name: "output", short: "o", type: "string", usage: "Output format." },
    ],
  }),
  declare("kubectl edit", {
    summary: "Edit a resource on the server.",
    usage: "kubectl edit (RESOURCE/NAME | -f FILENAME) [options]",
    args: "types-and-names",
    flags: [
      {
        name: "output",
        short: "o",
        type: "string" as const,
        usage: "Output format. One of: (json, yaml).",
        values: ["json", "yaml"],
      },
    ],
  }),
  declare("kubectl create", {
    summary: "Create a resource from a file or from stdin.",
    usage: "kubectl create -f FILENAME [options]",
    args: "files",
    flags: [FILE_FLAG, DRY_RUN],
  }),
  declare("kubectl create deployment", {
    summary: "Create a deployment with the specified name.",
    usage: "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]",
    args: "none",
    flags: [
      {
        name: "image",
        type: "strings",
        usage: "Image names to run. A deployment can have multiple images set for multi-container pod.",
      },
      { name: "replicas", short: "r", type: "int", usage: "Number of replicas to create. Default is 1." },
      { name: "port", type: "int", usage: "The containerPort that this deployment exposes." },
      DRY_RUN,
      { name: "output", short: "o", type: "string", usage: "Output format." },
    ],
  }),
  declare("kubectl delete", {
    summary: "Delete resources by file names, stdin, resources and names, or by resources and label selector.",
    usage: "kubectl delete ([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [options]",
    args: "types-and-names",
    flags: [
      FILE_FLAG,
      { name: "selector", short: "l", type: "string", usage: "Selector (label query) to filter on." },
      { name: "all", type: "bool", usage: "Delete all resources, in the namespace of the specified resource types." },
      {
        name: "all-namespaces",
        short: "A",
        type: "bool",
        usage: "If present, list the requested object(s) across all namespaces.",
      },
      { name: "force", type: "bool", usage: "Immediately remove resources from API." },
      {
        name: "grace-period",
        type: "int",
        usage: "Period of time in seconds given to the resource to terminate gracefully.",
      },
      { name: "now", type: "bool", usage: "If true, resources are signaled for immediate shutdown." },
      { name: "wait", type: "bool", usage: "If true, wait for resources to be gone before returning." },
    ],
  }),
  declare("kubectl label", {
    summary: "Update the labels on a resource.",
    usage:
      "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
    args: "types-and-names",
    flags: [
      {
        name: "overwrite",
        type: "bool",
        usage:
          "If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.",
      },
      { name: "selector", short: "l", type: "string", usage: "Selector (label query) to filter on." },
      { name: "all", type: "bool", usage: "Select all resources, in the namespace of the specified resource types" },
    ],
  }),
  declare("kubectl exec", {
    summary: "Execute a command in a container.",
    usage: "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
    args: "pods",
    flags: [
      { name: "stdin", short: "i", type: "bool", usage: "Pass stdin to the container" },
      { name: "tty", short: "t", type: "bool", usage: "Stdin is a TTY" },
      {
        name: "container",
        short: "c",
        type: "string",
        usage:
          "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen",
      },
      { name: "quiet", short: "q", type: "bool", usage: "Only print output from the remote session" },
    ],
  }),
  declare("kubectl rollout restart", {
    summary: "Restart a resource.",
    usage: "kubectl rollout restart RESOURCE [options]",
    args: "types-and-names",
    flags: [{ name: "selector", short: "l", type: "string", usage: "Selector (label query) to filter on." }],
  }),
  declare("kubectl rollout status", {
    summary: "Show the status of the rollout.",
    usage: "kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]",
    args: "types-and-names",
    flags: [
      { name: "watch", short: "w", type: "bool", usage: "Watch the status of the rollout until it's done." },
      { name: "timeout", type: "string", usage: "The length of time to wait before ending watch, zero means never." },
      {
        name: "revision",
        type: "int",
        usage: "Pin to a specific revision for showing its status. Defaults to 0 (last revision).",
      },
    ],
  }),
  ...ROLLOUT_NOT_IN_LAB.map((name) => notInLab(`rollout ${name}`)),
  declare("kubectl api-resources", {
    summary: "Print the supported API resources on the server.",
    usage: "kubectl api-resources [flags] [options]",
    args: "none",
    flags: [
      {
        name: "namespaced",
        type: "string",
        usage:
          "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.",
      },
      { name: "api-group", type: "string", usage: "Limit to resources in the specified API group." },
      {
        name: "no-headers",
        type: "bool",
        usage: "When using the default or custom-column output format, don't print headers (default print headers).",
      },
      { name: "output", short: "o", type: "string", usage: "Output format. One of: (wide, name)." },
    ],
  }),
  declare("kubectl version", {
    summary: "Print the client and server version information.",
    usage: "kubectl version [flags] [options]",
    args: "none",
    flags: [
      { name: "client", type: "bool", usage: "If true, shows client version only (no server required)." },
      { name: "output", short: "o", type: "string", usage: "One of 'yaml' or 'json'." },
    ],
  }),
  declare("kubectl config current-context", {
    summary: "Display the current-context.",
    usage: "kubectl config current-context [options]",
    args: "none",
    flags: [],
  }),
  declare("kubectl config get-contexts", {
    summary: "Describe one or many contexts.",
    usage: "kubectl config get-contexts [(-o|--output=)name)] [options]",
    args: "none",
    flags: [{ name: "output", short: "o", type: "string", usage: "Output format. One of: (name)." }],
  }),
  declare("kubectl cluster-info", {
    summary: "Display cluster information.",
    usage: "kubectl cluster-info [flags] [options]",
    args: "none",
    flags: [],
  }),
  ...NOT_IN_LAB.map((name) => notInLab(name)),
];

/** The keys of kubectl's declared commands ("kubectl rollout status"): ./deferred.ts implements exactly these. */
export type KubectlKey = (typeof KUBECTL_COMMANDS)[number]["key"];
