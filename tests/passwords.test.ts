import assert from "node:assert/strict";
import { test } from "node:test";
import { emailField } from "../lib/mail/address";
import {
  estimatePassword,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  inputsFromEmail,
  newPasswordField,
  normalizeEmail,
  passwordProblem,
  refineNewPassword,
  verifyPassword,
} from "../lib/accounts/passwords";
import { JUDGED_LENGTH } from "../lib/accounts/password-strength";
import { nth } from "./helpers/lists";

test("e-mail addresses are trimmed and lower-cased; malformed ones are refused", () => {
  assert.equal(normalizeEmail("  Ada@Example.COM "), "ada@example.com");
  assert.equal(emailField.parse("  Ada@Example.COM "), "ada@example.com");
  for (const bad of ["", "ada", "ada@", "@example.com", "a b@example.com"]) {
    assert.equal(emailField.safeParse(bad).success, false, bad);
  }
});

test("newPasswordField enforces 10 to 200 characters and refuses weak passwords, one reason each", () => {
  const messages = (p: string) => newPasswordField.safeParse(p).error?.issues.map((i) => i.message) ?? [];
  assert.deepEqual(messages("short1!"), ["Use at least 10 characters for your password."]);
  assert.deepEqual(messages("x".repeat(201)), ["Use at most 200 characters for your password."]);
  assert.deepEqual(messages("Tq8 vLp2 Zr9k".repeat(15).slice(0, 200)), []);
  assert.equal(newPasswordField.safeParse("Password123").success, false, "common, whatever the case");
  assert.match(nth(messages("qwertyuiop")), /too common/);
  assert.equal(newPasswordField.safeParse("correct horse battery").success, true);
});

test("weak passwords are refused with a sentence that says why", () => {
  const reasons: [string, RegExp][] = [
    ["          ", /only spaces/],
    ["  ab    cd    ", /mostly spaces/],
    ["bbbbbbbbbb", /repeats one character/],
    ["abcabcabca", /repeats a short pattern/],
    ["abcdefghij", /sequence/],
    ["a b c d e f g", /sequence/],
    ["zxcvbnmasdfghjkl", /keyboard pattern|common/],
    ["qwertyuiop", /too common/],
    ["password123", /too common/],
    ["PASSWORD123", /too common/],
    ["1234567890", /too common/],
    ["iloveyou123", /close to a common password/],
    ["P@ssw0rd1234", /close to a common password/],
  ];
  for (const [password, why] of reasons) {
    const problem = passwordProblem(password);
    assert.ok(problem, `${JSON.stringify(password)} should be refused`);
    assert.match(problem, why, JSON.stringify(password));
    assert.match(problem, /^That password .+\.$/, "a whole sentence");
  }
});

test("passwords built from the e-mail address are refused", () => {
  const email = "jane.doe@example.com";
  assert.deepEqual(inputsFromEmail(" Jane.Doe@Example.com "), [
    "jane.doe@example.com",
    "jane.doe",
    "janedoe",
    "jane",
    "doe",
  ]);
  for (const password of [
    "jane.doe@example.com",
    "Jane.Doe@Example.com",
    "janedoe2024!",
    "Jane Doe 2024!",
    "x jane.doe y 12",
    "ilovejanedoe",
  ]) {
    assert.match(refineNewPassword(email, password) ?? "", /built from your e-mail address/, password);
  }
  // The same passwords are only judged on their own without the e-mail, e.g. in newPasswordField.
  assert.equal(passwordProblem("x jane.doe y 12"), null);
  // A short local part is not enough to refuse on its own.
  assert.equal(refineNewPassword("al@example.com", "Tq8vLp2Zr9kal"), null);
  assert.equal(refineNewPassword(email, "velvet harbor lantern"), null);
});

test("passphrases and random strings pass", () => {
  for (const password of [
    "correct horse battery",
    "correct horse battery staple",
    "purple monkey dishwasher",
    "velvet harbor lantern",
    "Xk9#mQ2vLp7z",
    "h7Tq2LwZr9Bd",
    "8fj2-kq9x-mz4p",
  ]) {
    assert.equal(passwordProblem(password), null, password);
    assert.equal(refineNewPassword("jane.doe@example.com", password), null, password);
  }
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

test("zxcvbn judges only the first JUDGED_LENGTH characters: what follows changes nothing (its cost stays bounded)", () => {
  const strong = "quietly-orbiting-marmalade-lighthouse-".repeat(3).slice(0, JUDGED_LENGTH);
  const weakTail = `${strong}${"a".repeat(MAX_PASSWORD_LENGTH - JUDGED_LENGTH)}`;
  assert.deepEqual(estimatePassword(weakTail), estimatePassword(strong));
});
