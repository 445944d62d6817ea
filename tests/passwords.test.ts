import assert from "node:assert/strict";
import { test } from "node:test";
import { emailField, hashPassword, isCommonPassword, newPasswordField, normalizeEmail, verifyPassword } from "../lib/passwords";

test("e-mail addresses are trimmed and lower-cased; malformed ones are refused", () => {
  assert.equal(normalizeEmail("  Ada@Example.COM "), "ada@example.com");
  assert.equal(emailField.parse("  Ada@Example.COM "), "ada@example.com");
  for (const bad of ["", "ada", "ada@", "@example.com", "a b@example.com"]) {
    assert.equal(emailField.safeParse(bad).success, false, bad);
  }
});

test("passwords need 10+ characters and must not be a common one", () => {
  assert.equal(newPasswordField.safeParse("short1!").success, false);
  assert.equal(newPasswordField.safeParse("Password123").success, false, "common, whatever the case");
  assert.ok(isCommonPassword("QWERTYUIOP"));
  assert.equal(newPasswordField.safeParse("correct horse battery").success, true);
  assert.match(newPasswordField.safeParse("qwertyuiop").error!.issues[0].message, /common/);
});

test("hashes are Argon2id, salted, and verify only the right password", async () => {
  const a = await hashPassword("correct horse battery");
  const b = await hashPassword("correct horse battery");
  assert.match(a, /^\$argon2id\$/);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword(a, "correct horse battery"), true);
  assert.equal(await verifyPassword(a, "correct horse batterx"), false);
  assert.equal(await verifyPassword("not a hash", "x"), false);
});
