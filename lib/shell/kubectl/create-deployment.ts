/**
 * `kubectl create deployment NAME --image=IMAGE [--replicas=N] [--port=P]`: kubectl's generator
 * (pkg/cmd/create/create_deployment.go) writes the manifest, which is created like `kubectl create -f`.
 * Labels `app: NAME`, one container per image named after the image (its last path part, without tag).
 */
import { flag, type ParsedFlags } from "../flags";
import type { Ctx } from "../types";
import { write } from "../cluster/ops";
import { printWrite } from "./apply";
import { namespaceOf } from "./common";

/** kubectl's container name for an image: `quay.io/cilium/starwars:v2.1` → `starwars`. */
export function containerName(image: string): string {
  const base = image.split("@")[0]?.split("/").pop()?.split(":")[0] ?? image;
  return (
    base
      .toLowerCase()
      .replace(/[^-a-z0-9]/g, "-")
      .replace(/^-+|-+$/g, "") || "container"
  );
}

/** The manifest kubectl's generator builds (its YAML printer's key order). */
export function deploymentManifest(name: string, images: readonly string[], replicas: number, port?: number): string {
  const containers = images
    .map(
      (image) =>
        `      - image: ${image}\n        name: ${containerName(image)}\n${port !== undefined ? `        ports:\n        - containerPort: ${port}\n` : ""}`,
    )
    .join("");
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: ${name}
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
${containers}`;
}

export function runCreateDeployment(ctx: Ctx, f: ParsedFlags): number {
  if (f.args.length !== 1) {
    ctx.io.err(
      `error: exactly one NAME is required, got ${f.args.length}\nSee 'kubectl create deployment -h' for help and examples\n`,
    );
    return 1;
  }
  const name = f.args[0] as string;
  const images = f.all.get("image") ?? [];
  if (images.length === 0) {
    ctx.io.err('error: required flag(s) "image" not set\n');
    return 1;
  }
  const replicas = Number(flag(f, "replicas", "1"));
  const portText = f.values.get("port");
  const port = portText === undefined ? undefined : Number(portText);
  if (!Number.isInteger(replicas) || replicas < 0) {
    ctx.io.err(`error: invalid argument "${flag(f, "replicas", "1")}" for "--replicas" flag\n`);
    return 1;
  }
  const text = deploymentManifest(
    name,
    images,
    replicas,
    port !== undefined && Number.isInteger(port) ? port : undefined,
  );
  const opts = f.values.has("namespace") ? { namespace: namespaceOf(f, ctx) } : {};
  const dryRun = flag(f, "dry-run", "none");
  if (dryRun === "client" && flag(f, "output", "") === "yaml") {
    ctx.io.out(text);
    return 0;
  }
  const r = write(ctx.state.cluster, "create", [{ source: "deployment", text }], opts);
  if (dryRun === "none") ctx.state = { ...ctx.state, cluster: r.cluster };
  return printWrite(ctx, r, dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "");
}
