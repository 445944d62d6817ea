// The session cookie's crypto thread (lib/session/seal-thread.ts): iron-session seals and unseals
// here, off the thread that serves requests. In the server a seal cost that thread about 0.85 ms
// (WebCrypto's eight calls, each a promise that Next's async tracking follows), most of what a
// new guest session cost; here it costs its CPU on another core. Plain CommonJS: Node runs it as
// a file, outside Next's bundle. Each message carries the passwords, so a change of secrets (a
// test, a rotation) needs no restart.
const { parentPort } = require("node:worker_threads");
const { sealData, unsealData } = require("iron-session");

parentPort.on("message", async ({ id, op, value, password, ttl }) => {
  try {
    const result = op === "seal" ? await sealData(value, { password, ttl }) : await unsealData(value, { password });
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
