// Preloaded into every server worker (scripts/serve.ts), in front of Next.js:
// - stamps each request with the socket's own address as `x-policy-lab-peer`, replacing any value a client
//   sent, so per-address limits (lib/http/client-address.ts) count the real peer, not a forged X-Forwarded-For;
// - answers TRACE and TRACK with 405: Next.js turns every request into a fetch Request, which cannot carry
//   those methods, so they would otherwise end in a 500. (CONNECT never reaches 'request'.)
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is CommonJS by nature
const http = require("node:http");

const REFUSED = new Set(["TRACE", "TRACK"]);

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res, ...rest) {
  if (event === "request" && req && req.headers) {
    if (REFUSED.has(req.method)) {
      const body = JSON.stringify({ error: `method ${req.method} is not allowed` });
      res.writeHead(405, {
        allow: "GET, HEAD, POST, PUT",
        "content-type": "application/json",
        "cache-control": "private, no-store",
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
      return true;
    }
    req.headers["x-policy-lab-peer"] = req.socket?.remoteAddress ?? "unknown";
  }
  return emit.call(this, event, req, res, ...rest);
};
