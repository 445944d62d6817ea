// Reading a request's body (lib/server/body.ts, under every JSON route): what a client sends
// wrong, or stops sending, is a 4xx with a code, never a server error.
import { refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { test } from "node:test";
import { readBody, wellFormedStrings } from "../lib/server/body";

/** A body whose client goes away after `sent`, as a closed connection ends a request's stream. */
function cutOff(sent: string, headers: Record<string, string> = {}) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(sent));
      controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    },
  });
  return new Request("http://localhost/api/cart/items", {
    method: "POST",
    body,
    duplex: "half",
    headers,
  } as RequestInit);
}

const sent = (body: string | Uint8Array<ArrayBuffer>) =>
  new Request("http://localhost/api/cart/items", { method: "POST", body });

test("a body the client stopped sending is a bad request (400), chunked or with its length declared", async () => {
  await assert.rejects(readBody(cutOff('{"quan')), refused("bad_request", { status: 400 }));
  await assert.rejects(readBody(cutOff('{"quan', { "content-length": "40" })), refused("bad_request", { status: 400 }));
});

test("a whole body is read as text; too large or not UTF-8 keeps its own code", async () => {
  assert.equal(await readBody(sent('{"quantity":2}')), '{"quantity":2}');
  await assert.rejects(readBody(sent("x".repeat(70 * 1024))), refused("payload_too_large", { status: 413 }));
  await assert.rejects(readBody(sent(new Uint8Array([0x7b, 0xff, 0x7d]))), refused("invalid_unicode", { status: 400 }));
});

test("strings and keys must be well-formed, however deep", () => {
  assert.equal(wellFormedStrings({ a: ["ok", { b: "fine\ttab" }] }), true);
  assert.equal(wellFormedStrings({ a: ["\ud800"] }), false);
  assert.equal(wellFormedStrings({ "\u0000": 1 }), false);
});
