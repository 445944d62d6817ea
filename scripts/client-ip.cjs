// Preloaded into `next start` by scripts/start.ts (node --require). Next's App Router gives
// route handlers no socket address, and `next start` only fills X-Forwarded-For when the
// client sent none, so without this a client could choose its own rate-limit bucket.
// Unless TRUST_PROXY=true, X-Forwarded-For is replaced by the socket's own address.
const http = require("node:http");

if (process.env.TRUST_PROXY !== "true") {
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, ...rest) {
    if (event === "request" && req && req.socket) {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress || "unknown";
    }
    return emit.call(this, event, req, ...rest);
  };
}
