import assert from "node:assert/strict";
import { test } from "node:test";
import { variantFor } from "../lib/journeys/experiments";
import { keyedHash, newGuestSessionId } from "../lib/session/ids";

process.env.SESSION_SECRET ??= "ids-test-secret-ids-test-secret-000001";

test("guest session ids are guest_ + 128 random bits, all different", () => {
  const ids = new Set(Array.from({ length: 2000 }, newGuestSessionId));
  assert.equal(ids.size, 2000);
  for (const id of ids) {
    assert.match(id, /^guest_[A-Za-z0-9_-]{22}$/);
    assert.equal(Buffer.from(id.slice(6), "base64url").length, 16);
  }
});

test("keyed hashes hide the value and are stable", () => {
  const id = newGuestSessionId();
  assert.equal(keyedHash(id), keyedHash(id));
  assert.notEqual(keyedHash(id), keyedHash(newGuestSessionId()));
  assert.ok(!keyedHash(id).includes(id.slice(6, 12)));
});

test("A/B variants are deterministic per session and both occur", () => {
  const id = newGuestSessionId();
  assert.equal(variantFor(id), variantFor(id));
  const variants = Array.from({ length: 400 }, () => variantFor(newGuestSessionId()));
  const a = variants.filter((v) => v === "A").length;
  assert.ok(a > 120 && a < 280, `A was assigned ${a} times out of 400`);
});
