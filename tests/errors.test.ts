// The error-code registry: one code per condition, each with its status and a sentence.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DomainError, ERROR_CODES, type ErrorCode } from "../lib/errors";

test("every code has a 4xx or 5xx status and a default sentence", () => {
  for (const [code, { status, message }] of Object.entries(ERROR_CODES)) {
    assert.match(code, /^[a-z_]+$/);
    assert.ok(status >= 400 && status < 600, code);
    assert.match(message, /^[A-Z].*[.!?]$/, code);
  }
});

test("a domain error takes its status from the registry and may say more than the default", () => {
  const short = new DomainError("out_of_stock", "Only 2 of Soy Candle are left.");
  assert.equal(short.status, 409);
  assert.equal(short.message, "Only 2 of Soy Candle are left.");
  const plain = new DomainError("rate_limited" satisfies ErrorCode, undefined, { retryAfter: 3 });
  assert.equal(plain.status, 429);
  assert.equal(plain.message, ERROR_CODES.rate_limited.message);
  assert.equal(plain.details.retryAfter, 3);
});
