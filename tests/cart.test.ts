// Cart rules against a real SQLite file.
import "./helpers/test-db";
import { refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  addItem,
  addItemInput,
  readCart,
  removeItem,
  setItemQuantity,
  setQuantityInput,
  type CartOwner,
} from "../lib/cart/cart";
import { db } from "../lib/db/client";
import { hotWrite } from "../lib/db/sql";
import { placeLineBefore } from "../lib/cart/store";
import { createGuestSession } from "../lib/session/lifecycle";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";

const owner = async (): Promise<CartOwner> => ({ guestSessionId: (await createGuestSession()).session.id });

before(async () => {
  await seedIfEmpty();
});

test("quantities are whole numbers from 1 to 99 (0 only to remove)", () => {
  for (const quantity of [0, -1, 100, 2.5, "2", null]) {
    assert.equal(addItemInput.safeParse({ slug: "x", quantity }).success, false, `add ${quantity}`);
  }
  assert.equal(addItemInput.safeParse({ slug: "x" }).data?.quantity, 1);
  assert.equal(addItemInput.safeParse({ quantity: 1 }).success, false, "a product is required");
  assert.equal(setQuantityInput.safeParse({ quantity: 0 }).success, true);
  assert.equal(setQuantityInput.safeParse({ quantity: 99 }).success, true);
  assert.equal(setQuantityInput.safeParse({ quantity: 100 }).success, false);
});

test("adding by slug or id, twice, adds up quantities on one line", async () => {
  const o = await owner();
  const coffee = await db.product.findUniqueOrThrow({ where: { slug: "morning-blend" } });
  await addItem(o, { slug: "morning-blend", quantity: 2 });
  await addItem(o, { productId: coffee.id, quantity: 3 });
  const cart = await readCart(o, "USD");
  assert.equal(cart.items.length, 1);
  assert.equal(nth(cart.items).quantity, 5);
  assert.deepEqual(cart.subtotal, { amount: 5 * 1450, currency: "USD" });
  assert.equal(cart.count, 5);
});

test("never more than the stock, and nothing changes when refused", async () => {
  const o = await owner();
  await addItem(o, { slug: "desk-planner", quantity: 2 }); // stock 3
  await assert.rejects(addItem(o, { slug: "desk-planner", quantity: 2 }), refused("out_of_stock"));
  await assert.rejects(addItem(o, { slug: "plant-mister", quantity: 1 }), /out of stock/);
  const planner = await db.product.findUniqueOrThrow({ where: { slug: "desk-planner" } });
  await assert.rejects(setItemQuantity(o, planner.id, 4), refused("out_of_stock"));
  assert.equal(nth((await readCart(o, "USD")).items).quantity, 2);
});

test("never more than 99 of one product, whatever the stock; refused adds change nothing", async () => {
  const home = await db.category.findFirstOrThrow({ where: { slug: "home" } });
  const plenty = await db.product.create({
    data: {
      slug: "cart-test-plenty",
      name: "Plenty",
      description: "Stock beyond the cap.",
      priceCents: 100,
      stock: 500,
      image: "/images/soy-candle.svg",
      categoryId: home.id,
    },
  });
  const o = await owner();
  await addItem(o, { productId: plenty.id, quantity: 60 });
  await assert.rejects(
    addItem(o, { productId: plenty.id, quantity: 40 }),
    refused("invalid_input", { message: /at most 99/ }),
  );
  await addItem(o, { slug: "cart-test-plenty", quantity: 39 });
  await assert.rejects(addItem(o, { productId: plenty.id, quantity: 1 }), refused("invalid_input"));
  assert.deepEqual(
    (await readCart(o, "USD")).items.map((i) => i.quantity),
    [99],
  );
});

test("an unknown product is a 404 and creates no line", async () => {
  const o = await owner();
  await assert.rejects(addItem(o, { slug: "no-such-product", quantity: 1 }), refused("not_found"));
  assert.equal((await readCart(o, "USD")).items.length, 0);
});

test("setting a quantity changes it, 0 removes, and a missing line is not_in_cart", async () => {
  const o = await owner();
  await addItem(o, { slug: "soy-candle", quantity: 1 });
  await addItem(o, { slug: "brass-pen", quantity: 1 });
  const candle = await db.product.findUniqueOrThrow({ where: { slug: "soy-candle" } });
  const pen = await db.product.findUniqueOrThrow({ where: { slug: "brass-pen" } });
  await setItemQuantity(o, candle.id, 4);
  await setItemQuantity(o, pen.id, 0);
  const cart = await readCart(o, "USD");
  assert.deepEqual(
    cart.items.map((i) => [i.slug, i.quantity]),
    [["soy-candle", 4]],
  );
  await removeItem(o, candle.id);
  assert.equal((await readCart(o, "USD")).items.length, 0);
  await assert.rejects(removeItem(o, candle.id), refused("not_in_cart"));
});

test("carts are private to their owner", async () => {
  const a = await owner();
  const b = await owner();
  await addItem(a, { slug: "linen-apron", quantity: 1 });
  assert.equal((await readCart(b, "USD")).items.length, 0);
  const apron = await db.product.findUniqueOrThrow({ where: { slug: "linen-apron" } });
  await assert.rejects(setItemQuantity(b, apron.id, 2), refused("not_in_cart"));
  await assert.rejects(removeItem(b, apron.id), refused("not_in_cart"));
  assert.equal(nth((await readCart(a, "USD")).items).quantity, 1);
});

test("prices always come from the database, in the shopper's currency", async () => {
  const o = await owner();
  await addItem(o, { slug: "bamboo-board", quantity: 2 });
  await db.product.update({ where: { slug: "bamboo-board" }, data: { priceCents: 2600 } });
  const usd = await readCart(o, "USD");
  assert.deepEqual(nth(usd.items).unitPrice, { amount: 2600, currency: "USD" });
  const jpy = await readCart(o, "JPY");
  assert.deepEqual(nth(jpy.items).unitPrice, { amount: 3900, currency: "JPY" });
  assert.deepEqual(jpy.subtotal, { amount: 7800, currency: "JPY" });
});

test("a line put back before the one that followed it sorts where it was (Undo), on either engine", async () => {
  const o = await owner();
  for (const slug of ["brass-pen", "soy-candle", "washi-tape-set"]) await addItem(o, { slug, quantity: 1 });
  const id = async (slug: string) => (await db.product.findUniqueOrThrow({ where: { slug } })).id;
  const order = async () => (await readCart(o, "USD")).items.map((i) => i.slug);
  await removeItem(o, await id("soy-candle"));
  await addItem(o, { slug: "soy-candle", quantity: 1 });
  assert.deepEqual(await order(), ["brass-pen", "washi-tape-set", "soy-candle"]);
  const [candle, washi, pen] = [await id("soy-candle"), await id("washi-tape-set"), await id("brass-pen")];
  await hotWrite((tx) => placeLineBefore(tx, o, candle, washi));
  assert.deepEqual(await order(), ["brass-pen", "soy-candle", "washi-tape-set"]);
  // A line that is gone meanwhile moves nothing.
  await removeItem(o, pen);
  await hotWrite((tx) => placeLineBefore(tx, o, washi, pen));
  assert.deepEqual(await order(), ["soy-candle", "washi-tape-set"]);
});
