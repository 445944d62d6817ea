import assert from "node:assert/strict";
import { test } from "node:test";
import { planCartMerge, sharedProducts, type MergeLine } from "../lib/cart/merge";

const line = (productId: string, quantity: number, stock = 50): MergeLine => ({
  productId,
  name: productId,
  quantity,
  stock,
});
const pairs = (lines: { productId: string; quantity: number }[]) => lines.map((l) => [l.productId, l.quantity]);

test("combine: same products add up; the rest of both carts stays", () => {
  const plan = planCartMerge([line("tea", 2), line("pen", 1)], [line("tea", 3), line("mug", 1)], "combine");
  assert.deepEqual(pairs(plan.cart), [
    ["tea", 5],
    ["mug", 1],
    ["pen", 1],
  ]);
  assert.deepEqual(plan.savedForLater, []);
  assert.equal(plan.guestLinesAdded, 2);
});

test("combine caps at the stock and at 99", () => {
  assert.deepEqual(pairs(planCartMerge([line("a", 4, 6)], [line("a", 5, 6)], "combine").cart), [["a", 6]]);
  assert.deepEqual(pairs(planCartMerge([line("b", 60, 500)], [line("b", 60, 500)], "combine").cart), [["b", 99]]);
});

test("combine never lowers what the account already had, even if stock fell", () => {
  assert.deepEqual(pairs(planCartMerge([line("a", 1, 2)], [line("a", 3, 2)], "combine").cart), [["a", 3]]);
});

test("a guest line that is out of stock is saved for later, not dropped", () => {
  const plan = planCartMerge([line("gone", 2, 0)], [], "combine");
  assert.deepEqual(plan.cart, []);
  assert.deepEqual(pairs(plan.savedForLater), [["gone", 2]]);
  assert.equal(plan.guestLinesAdded, 0);
});

test("keep_account: the account cart stays, the guest's items are saved for later", () => {
  const plan = planCartMerge([line("tea", 2), line("pen", 1)], [line("mug", 1)], "keep_account");
  assert.deepEqual(pairs(plan.cart), [["mug", 1]]);
  assert.deepEqual(pairs(plan.savedForLater), [
    ["tea", 2],
    ["pen", 1],
  ]);
  assert.equal(plan.guestLinesAdded, 0);
});

test("use_guest: the guest cart becomes the cart, the account's old items are saved for later", () => {
  const plan = planCartMerge([line("tea", 2)], [line("mug", 1), line("tea", 7)], "use_guest");
  assert.deepEqual(pairs(plan.cart), [["tea", 2]]);
  assert.deepEqual(pairs(plan.savedForLater), [
    ["mug", 1],
    ["tea", 7],
  ]);
  assert.equal(plan.guestLinesAdded, 1);
});

test("a new account (empty cart) takes the guest cart whole", () => {
  const plan = planCartMerge([line("tea", 2), line("pen", 3)], [], "combine");
  assert.deepEqual(pairs(plan.cart), [
    ["tea", 2],
    ["pen", 3],
  ]);
});

// Line choices: the shopper overrides the policy for products found in both carts.

test("line choices override the policy for the products in both carts, and only for those", () => {
  const guest = [line("tea", 2), line("pen", 1), line("mug", 4)];
  const account = [line("tea", 3), line("mug", 1), line("ink", 5)];
  const plan = planCartMerge(guest, account, "keep_account", { tea: "sum", mug: "guest" });
  // pen (guest only) follows keep_account: saved; ink stays; tea adds up; mug takes the guest's 4.
  assert.deepEqual(pairs(plan.cart), [
    ["ink", 5],
    ["tea", 5],
    ["mug", 4],
  ]);
  assert.deepEqual(pairs(plan.savedForLater), [
    ["pen", 1],
    ["mug", 1],
  ]);
  assert.equal(plan.guestLinesAdded, 2);
});

test("each line choice does what it says, capped at the stock and 99", () => {
  const guest = [line("a", 4, 6), line("b", 60, 500)];
  const account = [line("a", 5, 6), line("b", 60, 500)];
  const sum = planCartMerge(guest, account, "combine", { a: "sum", b: "sum" });
  assert.deepEqual(pairs(sum.cart), [
    ["a", 6],
    ["b", 99],
  ]);
  const mine = planCartMerge(guest, account, "combine", { a: "account", b: "guest" });
  assert.deepEqual(pairs(mine.cart), [
    ["a", 5],
    ["b", 60],
  ]);
  assert.deepEqual(pairs(mine.savedForLater), [
    ["a", 4],
    ["b", 60],
  ]);
  const saved = planCartMerge(guest, account, "use_guest", { a: "save", b: "save" });
  assert.deepEqual(saved.cart, []);
  assert.deepEqual(pairs(saved.savedForLater), [
    ["a", 9],
    ["b", 99],
  ]);
});

test("choosing the guest's quantity of a sold-out product saves both, dropping nothing", () => {
  const plan = planCartMerge([line("gone", 2, 0)], [line("gone", 1, 0)], "combine", { gone: "guest" });
  assert.deepEqual(plan.cart, []);
  assert.deepEqual(pairs(plan.savedForLater), [
    ["gone", 2],
    ["gone", 1],
  ]);
});

test("a line choice for a product not in both carts changes nothing; sharedProducts names the ones it may", () => {
  const guest = [line("tea", 2)];
  const account = [line("mug", 1)];
  assert.deepEqual(
    planCartMerge(guest, account, "combine", { tea: "save", mug: "save" }),
    planCartMerge(guest, account, "combine"),
  );
  assert.deepEqual(sharedProducts([line("tea", 1), line("pen", 1)], [line("pen", 2)]), ["pen"]);
});
