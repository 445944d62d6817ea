import { refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { test } from "node:test";
import { authorize, cardBrand, cardInput, checkCard, isExpired, luhnValid } from "../lib/checkout/payments";
import { describeZodError, problemsByField, zodErrorCode } from "../lib/errors";

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

const WRONG_NUMBER = "That card number is not valid. Check it and try again.";
const EXPIRED = "This card has expired.";
const SHORT_CVC = "The security code is the 3 digits on the back of the card.";
/** A number failing Luhn, an expiry in the past and a two-digit CVC: three problems. */
const threeProblems = { number: "4242 4242 4242 4241", expMonth: 11, expYear: 2020, cvc: "12" };

test("a card with a wrong number, a past expiry and a short CVC is refused once, naming all three", () => {
  assert.throws(
    () => checkCard(threeProblems, now),
    refused("invalid_card", {
      status: 422,
      field: "card.number",
      fields: { "card.number": WRONG_NUMBER, "card.expYear": EXPIRED, "card.cvc": SHORT_CVC },
      message: `${WRONG_NUMBER} ${EXPIRED} ${SHORT_CVC}`,
    }),
  );
});

test("the card's schema names every card problem in one pass, with the card's code", () => {
  const three = cardInput.safeParse(threeProblems);
  assert.ok(!three.success);
  assert.deepEqual(problemsByField(three.error), { number: WRONG_NUMBER, expYear: EXPIRED, cvc: SHORT_CVC });
  assert.equal(zodErrorCode(three.error), "invalid_card");
  assert.equal(describeZodError(three.error), `${WRONG_NUMBER} ${EXPIRED} ${SHORT_CVC}`);

  // A rule runs once the fields it reads are well-formed, whatever the others' problems: a month
  // that is no month leaves the expiry unjudged, not the number or the CVC.
  const noMonth = cardInput.safeParse({ ...threeProblems, expMonth: "soon" });
  assert.ok(!noMonth.success);
  assert.deepEqual(problemsByField(noMonth.error), {
    number: WRONG_NUMBER,
    expMonth: "Enter the expiry month.",
    cvc: SHORT_CVC,
  });
  assert.equal(zodErrorCode(noMonth.error), "invalid_input", "not every problem is the card's rules'");
  // A card that is no object is refused as such, with no rule run on it.
  for (const notACard of [null, [], "4242424242424242"]) {
    const refusal = cardInput.safeParse(notACard);
    assert.ok(!refusal.success);
    assert.equal(zodErrorCode(refusal.error), "invalid_input");
    assert.deepEqual(problemsByField(refusal.error), {});
  }
});

test("4242… is approved and 4000 0000 0000 0002 is declined with 402", () => {
  assert.doesNotThrow(() => authorize(checkCard(card("4242 4242 4242 4242"), now)));
  assert.throws(
    () => authorize(checkCard(card("4000 0000 0000 0002"), now)),
    refused("card_declined", { status: 402 }),
  );
});
