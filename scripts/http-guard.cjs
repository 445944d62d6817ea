// Preloaded into `next start` by scripts/start.ts (node --require): what Node's HTTP server must
// do before Next sees a request.
//
// 1. The client address. Next's App Router gives route handlers no socket address, and
//    `next start` only fills X-Forwarded-For when the client sent none, so without this a client
//    could choose its own rate-limit bucket. Unless TRUST_PROXY=true, X-Forwarded-For is replaced
//    by the socket's own address.
// 2. Methods the shop does not speak. Next fails with a 500 on some (TRACE on a route handler)
//    and Node hangs up on CONNECT, so anything but the methods below is answered here: 405,
//    JSON under /api, with `Allow`.
const http = require("node:http");

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ALLOW = [...METHODS].join(", ");
const trustProxy = process.env.TRUST_PROXY === "true";

/** The refusal: JSON under /api (the API's error shape), plain text elsewhere. */
function refusal(req) {
  const message = `This server does not answer ${req.method} requests.`;
  const api = (req.url || "").startsWith("/api/");
  return {
    type: api ? "application/json" : "text/plain; charset=utf-8",
    body: api ? JSON.stringify({ error: { code: "method_not_allowed", message } }) : message,
  };
}

function refuseMethod(req, res) {
  const { type, body } = refusal(req);
  res.writeHead(405, { Allow: ALLOW, "Cache-Control": "no-store", "Content-Type": type });
  res.end(body);
}

/** CONNECT reaches Node as its own event with the raw socket; without this it just hangs up. */
function refuseConnect(req, socket) {
  const { type, body } = refusal(req);
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOW}\r\nCache-Control: no-store\r\nContent-Type: ${type}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res, ...rest) {
  // Node only emits CONNECT to a server that listens for it: listen, from the moment it starts.
  if (event === "listening" && this.listenerCount("connect") === 0) {
    this.on("connect", (req, socket) => refuseConnect(req, socket));
  }
  if (event === "request" && req && req.socket) {
    if (!METHODS.has(req.method)) {
      refuseMethod(req, res);
      return true;
    }
    if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress || "unknown";
  }
  return emit.call(this, event, req, res, ...rest);
};
