import { refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { test } from "node:test";
import { authorize, cardBrand, checkCard, isExpired, luhnValid } from "../lib/checkout/payments";

const now = new Date("2026-11-25T12:00:00Z");
const card = (number: string, over: Partial<{ expMonth: number; expYear: number; cvc: string }> = {}) => ({
  number,
  expMonth: 12,
  expYear: 2030,
  cvc: "123",
  ...over,
});
const field = (f: string) => refused("invalid_card", f);

test("Luhn accepts real test numbers and rejects a changed digit", () => {
  for (const n of ["4242424242424242", "4000000000000002", "5555555555554444", "378282246310005", "6011111111111117"]) {
    assert.ok(luhnValid(n), n);
  }
  assert.equal(luhnValid("4242424242424241"), false);
  assert.equal(luhnValid("1234"), false);
  assert.equal(luhnValid("42424242424242a2"), false);
});

test("the brand comes from the number", () => {
  assert.equal(cardBrand("4242424242424242"), "visa");
  assert.equal(cardBrand("5555555555554444"), "mastercard");
  assert.equal(cardBrand("2223003122003222"), "mastercard");
  assert.equal(cardBrand("378282246310005"), "amex");
  assert.equal(cardBrand("6011111111111117"), "discover");
  assert.equal(cardBrand("9999999999999995"), "unknown");
});

test("a card is valid through its expiry month; two-digit years are 20xx", () => {
  assert.equal(isExpired(11, 2026, now), false);
  assert.equal(isExpired(10, 2026, now), true);
  assert.equal(isExpired(1, 27, now), false);
  assert.equal(isExpired(12, 25, now), true);
});

test("checkCard keeps only brand, last four and expiry; spaces are allowed", () => {
  const c = checkCard(card("4242 4242 4242 4242"), now);
  assert.deepEqual(
    { brand: c.brand, last4: c.last4, expMonth: c.expMonth, expYear: c.expYear },
    { brand: "visa", last4: "4242", expMonth: 12, expYear: 2030 },
  );
  assert.equal(checkCard(card("3782 822463 10005", { cvc: "1234" }), now).brand, "amex");
});

test("bad cards are refused with the field that is wrong", () => {
  assert.throws(() => checkCard(card("4242 4242 4242 4241"), now), field("card.number"));
  assert.throws(() => checkCard(card("4242-x242"), now), field("card.number"));
  assert.throws(() => checkCard(card("4242424242424242", { expMonth: 10, expYear: 2026 }), now), field("card.expYear"));
  assert.throws(() => checkCard(card("4242424242424242", { cvc: "12" }), now), field("card.cvc"));
  assert.throws(() => checkCard(card("378282246310005", { cvc: "123" }), now), field("card.cvc"));
});

test("4242… is approved and 4000 0000 0000 0002 is declined with 402", () => {
  assert.doesNotThrow(() => authorize(checkCard(card("4242 4242 4242 4242"), now)));
  assert.throws(
    () => authorize(checkCard(card("4000 0000 0000 0002"), now)),
    refused("card_declined", { status: 402 }),
  );
});
