import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";
import { securityHeaders } from "./scripts/security-headers.mjs";

/** @type {(phase: string) => import('next').NextConfig} */
const nextConfig = (phase) => ({
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project (npm run typecheck, with the stricter core config too);
  // repeating it inside every build would only add a minute to `npm start` and to CI.
  typescript: { ignoreBuildErrors: true },
  // Compile-time tools stay on the server: MDX is bundled and highlighted there, never shipped to the browser.
  serverExternalPackages: ["mdx-bundler", "esbuild", "shiki", "@shikijs/rehype", "better-sqlite3", "pg"],
  // Content files are read at run time by server code (lesson bodies, scenarios, checks).
  outputFileTracingIncludes: { "/**": ["./content/**/*"] },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }];
  },
});

export default nextConfig;
