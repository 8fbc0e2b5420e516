import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "scripts/**/*.test.ts",
      "content/**/*.test.ts",
      "components/**/*.test.ts",
      "app/**/*.test.ts",
    ],
    environment: "node",
    testTimeout: 30_000,
    // The data-layer tests share one PostgreSQL database; keep files from racing each other there.
    fileParallelism: true,
  },
});
