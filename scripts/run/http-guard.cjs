// Preloaded into `next start` by scripts/run/start.ts (node --require): what Node's HTTP server does
// before Next sees a request.
//
// 1. Forwarded headers. Next's App Router gives route handlers no socket address, and
//    `next start` keeps a client-sent X-Forwarded-For, -Host and -Proto as they are, so without
//    this a client could choose its own rate-limit bucket, pass the Origin checks with a
//    matching X-Forwarded-Host, or claim https. Unless TRUST_PROXY=true (a proxy you run sets
//    them), X-Forwarded-For becomes the socket's address and the other two are dropped.
// 2. Methods the shop does not speak. Next fails with a 500 on some (TRACE on a route handler)
//    and Node hangs up on CONNECT: anything but the methods below gets a 405 with `Allow`.
// 3. Cross-site posts to pages (server actions): Next refuses them with a 500; they get a 403.
//    (JSON routes check the Origin themselves, and log the refusal: lib/server/http.ts.)
// 4. Security headers on every response, from lib/security-headers.mjs: next.config.ts puts them
//    on what Next serves, but not on its redirects or on the answers above.
const http = require("node:http");
const path = require("node:path");

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const ALLOW = [...METHODS].join(", ");
const trustProxy = require(path.join(__dirname, "..", "..", "lib", "settings.mjs")).setting("TRUST_PROXY");

// Loaded now, synchronously (Node 20.19+ requires ES modules; package.json asks for it): loading
// them while Next loads next.config.ts, which imports the headers too, trips a Node race.
const { securityHeaders, hstsHeader } = require(path.join(__dirname, "..", "..", "lib", "security-headers.mjs"));
const { crossSite } = require(path.join(__dirname, "..", "..", "lib", "origin.mjs"));
// Built at answer time, not now: this file is preloaded before `next start` sets
// NODE_ENV=production, and a list built here carried the development CSP ('unsafe-eval') on every
// answer the guard makes and on Next's redirects. Built once per NODE_ENV value (it is final by
// the first request), so an answer costs a lookup.
const built = new Map();
function headers() {
  const env = process.env.NODE_ENV || "";
  let list = built.get(env);
  if (!list) built.set(env, (list = { plain: securityHeaders(), https: hstsHeader() }));
  return list;
}

/** A refusal: JSON under /api (the API's error shape), plain text elsewhere. */
function refusal(req, code, message) {
  const api = (req.url || "").startsWith("/api/");
  return {
    type: api ? "application/json" : "text/plain; charset=utf-8",
    body: api ? JSON.stringify({ error: { code, message } }) : message,
  };
}

function refuse(req, res, status, code, message, extra = {}) {
  const { type, body } = refusal(req, code, message);
  res.writeHead(status, { ...extra, "Cache-Control": "no-store", "Content-Type": type });
  res.end(body);
}

/** CONNECT reaches Node as its own event with the raw socket; without this it just hangs up. */
function refuseConnect(req, socket) {
  const { type, body } = refusal(req, "method_not_allowed", "This server does not answer CONNECT requests.");
  const lines = [
    ...headers().plain.map((h) => `${h.key}: ${h.value}`),
    `Allow: ${ALLOW}`,
    "Cache-Control: no-store",
    `Content-Type: ${type}`,
  ];
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\n${lines.join("\r\n")}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The host this request was sent to, as the Origin check sees it. */
function requestHost(req) {
  return (trustProxy && req.headers["x-forwarded-host"]) || req.headers.host || "";
}

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res, ...rest) {
  // Node only emits CONNECT to a server that listens for it: listen, from the moment it starts.
  if (event === "listening" && this.listenerCount("connect") === 0) {
    this.on("connect", (request, socket) => refuseConnect(request, socket));
  }
  if (event === "request" && req && req.socket) {
    const { plain, https } = headers();
    for (const { key, value } of plain) res.setHeader(key, value);
    if (trustProxy && req.headers["x-forwarded-proto"] === "https") {
      for (const { key, value } of https) res.setHeader(key, value);
    }
    if (!trustProxy) {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress || "unknown";
      delete req.headers["x-forwarded-host"];
      delete req.headers["x-forwarded-proto"];
    }
    if (!METHODS.has(req.method)) {
      refuse(req, res, 405, "method_not_allowed", `This server does not answer ${req.method} requests.`, {
        Allow: ALLOW,
      });
      return true;
    }
    if (
      req.method === "POST" &&
      !(req.url || "").startsWith("/api/") &&
      crossSite(req.headers.origin, requestHost(req))
    ) {
      refuse(req, res, 403, "forbidden_origin", "Requests from other sites are not accepted.");
      return true;
    }
  }
  return emit.call(this, event, req, res, ...rest);
};
