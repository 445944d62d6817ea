import assert from "node:assert/strict";
import crypto from "node:crypto";
import { test } from "node:test";
import { config } from "../lib/config";
import { variantFor } from "../lib/session/variant";
import { keyedHash, newGuestSessionId } from "../lib/ids";
import { nth } from "./helpers/lists";

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

test("a keyed hash is the secret's HMAC-SHA256 of the value, also once many others were hashed", () => {
  const hmac = (value: string) =>
    crypto.createHmac("sha256", config().sessionSecrets[0]).update(value).digest("hex").slice(0, 24);
  const first = newGuestSessionId();
  assert.equal(keyedHash(first), hmac(first));
  const others = Array.from({ length: 12_000 }, (_, i) => `203.0.113.${i}`); // past the hashes kept
  for (const value of others) keyedHash(value);
  assert.equal(keyedHash(first), hmac(first));
  assert.equal(keyedHash(nth(others)), hmac(nth(others)));
  assert.equal(keyedHash(others.at(-1)!), hmac(others.at(-1)!));
});

test("A/B variants are deterministic per session and both occur", () => {
  const id = newGuestSessionId();
  assert.equal(variantFor(id), variantFor(id));
  const variants = Array.from({ length: 400 }, () => variantFor(newGuestSessionId()));
  const a = variants.filter((v) => v === "A").length;
  assert.ok(a > 120 && a < 280, `A was assigned ${a} times out of 400`);
});
