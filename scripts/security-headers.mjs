// The security headers of every response (plain JavaScript: next.config.mjs loads it without a TypeScript loader).

/**
 * Security headers on every response, static files included. The CSP is what the lab works under: Next.js
 * inlines its bootstrap scripts into prerendered pages (static pages cannot carry a per-request nonce), and
 * xterm and CodeMirror set inline styles, hence 'unsafe-inline' for both; everything else is same-origin
 * only, nothing may frame the site, and no plugin, base-URL or form-target tricks. `next dev` also needs
 * eval (React Refresh) and its HMR websocket. next.config.mjs sends them on every response Next.js answers;
 * the responses `npm start` answers itself (lib/http/fast-path.ts) carry the same.
 * @param {boolean} dev
 * @returns {{ key: string; value: string }[]}
 */
export function securityHeaders(dev) {
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
