import assert from "node:assert/strict";
import { test } from "node:test";
import { formatOrderNumber, newOrderNumber, parseOrderNumber } from "../lib/checkout/order-number";

test("new order numbers are eight characters of Crockford's base32, and differ", () => {
  const numbers = new Set(Array.from({ length: 2000 }, newOrderNumber));
  assert.equal(numbers.size, 2000);
  for (const n of numbers) assert.match(n, /^[0-9A-HJKMNP-TV-Z]{8}$/);
  // Every character of the alphabet turns up: the 40 bits are spread over all eight places.
  assert.equal(new Set([...numbers].join("")).size, 32);
});

test("a number is shown with a dash and read back however it was typed", () => {
  assert.equal(formatOrderNumber("K7M29QXD"), "K7M2-9QXD");
  assert.equal(parseOrderNumber("K7M2-9QXD"), "K7M29QXD");
  assert.equal(parseOrderNumber(" k7m2 9qxd "), "K7M29QXD");
  // O reads as 0, I and L as 1: what people mistype.
  assert.equal(parseOrderNumber("O0IL-ABCD"), "0011ABCD");
  for (const bad of ["", "K7M2-9QX", "K7M2-9QXDD", "K7M2-9QXU", "ord_K7M29QXD"]) {
    assert.equal(parseOrderNumber(bad), null, bad);
  }
});
