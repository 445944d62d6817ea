import assert from "node:assert/strict";
import { test } from "node:test";
import { convert, formatMoney, isCurrency, lineTotal } from "../lib/catalog/currency";

test("USD cents convert to each currency's minor unit", () => {
  assert.deepEqual(convert(1450, "USD"), { amount: 1450, currency: "USD" });
  assert.deepEqual(convert(1450, "EUR"), { amount: 1334, currency: "EUR" });
  assert.deepEqual(convert(1450, "GBP"), { amount: 1146, currency: "GBP" });
  assert.deepEqual(convert(1450, "JPY"), { amount: 2175, currency: "JPY" });
});

test("line totals multiply the converted unit price, so lines add up to what is shown", () => {
  assert.deepEqual(lineTotal(1450, 3, "EUR"), { amount: 1334 * 3, currency: "EUR" });
});

test("amounts are formatted with the currency's own minor digits", () => {
  assert.equal(formatMoney({ amount: 1450, currency: "USD" }), "$14.50");
  assert.equal(formatMoney({ amount: 2175, currency: "JPY" }), "¥2,175");
  assert.equal(formatMoney({ amount: 1146, currency: "GBP" }), "£11.46");
});

test("only the four shop currencies are accepted", () => {
  assert.ok(isCurrency("EUR"));
  assert.ok(!isCurrency("eur"));
  assert.ok(!isCurrency("CHF"));
});
