// Form names are attacker-shaped: whatever names and values a form sends, reading it either gives
// the fields or refuses with a sentence (a 422 DomainError), and never reaches a prototype.
import { refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { DomainError } from "../lib/errors";
import { formFields } from "../lib/server/form-fields";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

/** Everything a prototype or a plain object could have gained. */
const prototypeState = () => [
  Object.getOwnPropertyNames(Object.prototype).sort(),
  Object.keys({}),
  ({} as Record<string, unknown>).x,
];

/** Field names built from segments a parser might trip on: prototype words, dots, brackets, unicode. */
const segment = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "x",
    "polluted",
    "address",
    "city",
    "card",
    "number",
    "quantity",
    "",
    "[]",
    "0",
    "toString",
    "hasOwnProperty",
    "$ACTION_ID_x",
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: "grapheme", maxLength: 4 }),
);
const fieldName = fc.array(segment, { minLength: 1, maxLength: 6 }).map((parts) => parts.join("."));
const entries = fc.array(fc.tuple(fieldName, fc.string({ maxLength: 20 })), { maxLength: 40 });

test("arbitrary names and values: the fields or a sentence, never a prototype touched", () => {
  const before = prototypeState();
  fc.assert(
    fc.property(entries, (sent) => {
      try {
        formFields(form(sent));
      } catch (error) {
        assert.ok(error instanceof DomainError, `only a sentence is thrown, not ${String(error)}`);
        assert.equal(error.status, 422);
        assert.match(error.message, /^\S[\s\S]*\.$/);
      }
      assert.deepEqual(prototypeState(), before);
    }),
    { numRuns: 2_000 },
  );
});

test("a name that could reach a prototype is refused with a sentence", () => {
  for (const name of [
    "__proto__.x",
    "constructor.prototype.x",
    "address.__proto__.polluted",
    "__proto__",
    "prototype",
    "card.constructor",
  ]) {
    assert.throws(() => formFields(form([[name, "1"]])), refused("invalid_input", { message: name }), name);
  }
  assert.equal(({} as Record<string, unknown>).x, undefined);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("too many fields, too deep a name or an empty segment is refused", () => {
  const many = Array.from({ length: 101 }, (_, i) => [`f${i}`, "v"] as [string, string]);
  assert.throws(() => formFields(form(many)), /at most 100 fields/);
  assert.throws(() => formFields(form([["a.b.c.d", "1"]])), /no field named/);
  assert.throws(() => formFields(form([["a..b", "1"]])), /no field named/);
});

test("ordinary forms still read as nested fields, with numbers and empty fields left out", () => {
  const fields = formFields(
    form([
      ["email", "a@b.co"],
      ["address.city", "Testville"],
      ["address.line2", ""],
      ["quantity", "3"],
      ["$ACTION_KEY", "k"],
    ]),
  );
  assert.deepEqual(JSON.parse(JSON.stringify(fields)), {
    email: "a@b.co",
    address: { city: "Testville" },
    quantity: 3,
  });
});
