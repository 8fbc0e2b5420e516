import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

/**
 * Security headers on every response, static files included. The CSP is what the lab works under: Next.js
 * inlines its bootstrap scripts into prerendered pages (static pages cannot carry a per-request nonce), and
 * xterm and CodeMirror set inline styles, hence 'unsafe-inline' for both; everything else is same-origin
 * only, nothing may frame the site, and no plugin, base-URL or form-target tricks. `next dev` also needs
 * eval (React Refresh) and its HMR websocket.
 */
function securityHeaders(dev) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}

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
