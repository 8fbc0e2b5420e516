// Preloaded into every server worker (scripts/serve.ts): a worker whose primary is gone exits instead of
// living on as an orphan that still holds the port's connections and a core.
process.on("disconnect", () => process.exit(0));
