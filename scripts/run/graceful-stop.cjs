// Preloaded into `next start` by scripts/run/start.ts (node --require), beside http-guard.cjs: how a
// server stops. On SIGTERM or SIGINT it stops taking connections (a proxy in front sends new
// requests to another server), lets the requests it has finish, runs the shop's shutdown hooks
// (lib/shutdown.ts: the buffered journey events are written), then exits. A rolling restart
// therefore loses no request and no event it acknowledged. After STOP_TIMEOUT_MS (10 s) it exits
// anyway.
const http = require("node:http");
const path = require("node:path");

process.env.NEXT_MANUAL_SIG_HANDLE = "true"; // Next's own handler would exit before the hooks run
const HOOKS = Symbol.for("passerby.shutdownHooks");
const timeout = require(path.join(__dirname, "..", "..", "lib", "settings.mjs")).setting("STOP_TIMEOUT_MS");
const servers = new Set();

const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  servers.add(this);
  return listen.apply(this, args);
};

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), timeout).unref();
  // close() waits for the requests in flight and closes idle keep-alive connections.
  await Promise.all([...servers].map((server) => new Promise((resolve) => server.close(() => resolve()))));
  for (const hook of globalThis[HOOKS] ?? []) {
    try {
      await hook();
    } catch (error) {
      console.error("[passerby] a shutdown hook failed:", error instanceof Error ? error.message : error);
    }
  }
  process.exit(signal === "SIGINT" ? 130 : 0);
}

process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
