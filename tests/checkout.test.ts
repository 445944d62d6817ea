// Placing orders against a real SQLite file: totals, declines, short stock, concurrency, ownership.
import "./helpers/test-db";
import { account, guest, member, PASSWORD } from "./helpers/fixtures";
import { refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { addItem, ownerOf, readCart } from "../lib/cart/cart";
import { checkoutInput, placeOrder, type CheckoutInput } from "../lib/checkout/checkout";
import { failed } from "../lib/action-state";
import { formFields, secretsTyped, typedValues } from "../lib/server/form-fields";
import { addressLines } from "../lib/checkout/countries";
import { db } from "../lib/db/client";
import { DomainError } from "../lib/errors";
import { migrateGuestSession } from "../lib/cart/migration";
import { findOrder, listOrders } from "../lib/checkout/orders";
import { addPaymentMethod } from "../lib/accounts/payment-methods";
import { createGuestSession, createUserSession } from "../lib/session/lifecycle";
import { describeEnd } from "../lib/session/end";
import { resolveSession } from "../lib/session/check";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";

let n = 0;
before(async () => {
  await seedIfEmpty();
});

const input = (over: Partial<CheckoutInput> = {}): CheckoutInput => ({
  email: "guest@example.com",
  name: "Ada Lovelace",
  address: { line1: "1 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" },
  card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" },
  ...over,
});

async function product(stock: number) {
  return db.product.create({
    data: {
      slug: `limited-${++n}`,
      name: `Limited ${n}`,
      description: "",
      priceCents: 1000,
      stock,
      image: "/x.svg",
      category: { connect: { slug: "home" } },
    },
  });
}

test("a guest order snapshots prices in the shopper's currency, takes stock and empties the cart", async () => {
  const g = await guest(
    [
      ["morning-blend", 2],
      ["brass-pen", 1],
    ],
    '{"currency":"EUR"}',
  );
  const before = await db.product.findUniqueOrThrow({ where: { slug: "morning-blend" } });
  const { order } = await placeOrder(g, input());
  assert.match(order.id, /^ord_[\w-]{22}$/);
  assert.match(order.number, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, "a short number for shoppers");
  assert.equal(order.status, "paid");
  assert.deepEqual(order.total, { amount: 2 * 1334 + 3496, currency: "EUR" });
  assert.deepEqual(order.payment, { brand: "visa", last4: "4242" });
  assert.equal((await db.product.findUniqueOrThrow({ where: { slug: "morning-blend" } })).stock, before.stock - 2);
  assert.equal((await readCart({ guestSessionId: g.id }, "USD")).items.length, 0);
  const stored = JSON.stringify(await db.order.findUniqueOrThrow({ where: { id: order.id } }));
  assert.ok(!stored.includes("4242424242424242") && !stored.includes('"123"'), "only brand and last four are stored");
});

test("an empty cart is 422 and creates nothing", async () => {
  const g = await guest();
  await assert.rejects(placeOrder(g, input()), refused("empty_cart"));
  assert.equal(await db.order.count({ where: { guestSessionId: g.id } }), 0);
});

test("a declined card is 402: no order, stock and cart untouched", async () => {
  const p = await product(5);
  const g = await guest([[p.slug, 2]]);
  await assert.rejects(
    placeOrder(g, input({ card: { number: "4000 0000 0000 0002", expMonth: 1, expYear: 2031, cvc: "999" } })),
    refused("card_declined"),
  );
  assert.equal(await db.order.count({ where: { guestSessionId: g.id } }), 0);
  assert.equal((await db.product.findUniqueOrThrow({ where: { id: p.id } })).stock, 5);
  assert.equal(nth((await readCart({ guestSessionId: g.id }, "USD")).items).quantity, 2);
});

const WRONG_NUMBER = "That card number is not valid. Check it and try again.";
const EXPIRED = "This card has expired.";
const SHORT_CVC = "The security code is the 3 digits on the back of the card.";

test("a card with a wrong number, a past expiry and a short CVC: one refusal names all three, nothing changes", async () => {
  const p = await product(5);
  const g = await guest([[p.slug, 2]]);
  await assert.rejects(
    placeOrder(g, input({ card: { number: "4242 4242 4242 4241", expMonth: 11, expYear: 2020, cvc: "12" } })),
    refused("invalid_card", {
      status: 422,
      fields: { "card.number": WRONG_NUMBER, "card.expYear": EXPIRED, "card.cvc": SHORT_CVC },
    }),
  );
  assert.equal(await db.order.count({ where: { guestSessionId: g.id } }), 0);
  assert.equal((await db.product.findUniqueOrThrow({ where: { id: p.id } })).stock, 5);
  assert.equal(nth((await readCart({ guestSessionId: g.id }, "USD")).items).quantity, 2);
});

test("the checkout form's answer names every field's problem beside it, and asks for the number and CVC again", () => {
  const form = new FormData();
  for (const [name, value] of Object.entries({
    email: "ada@example.com",
    name: "Ada Lovelace",
    "address.line1": "1 Analytical Way",
    "address.city": "",
    "address.postalCode": "N1 9GU",
    "address.country": "GB",
    "card.number": "4242 4242 4242 4241",
    "card.expMonth": "11",
    "card.expYear": "2020",
    "card.cvc": "12",
  }))
    form.append(name, value);
  // What lib/server/form-action.ts does with a form: read it, validate it, answer with every problem.
  const parsed = checkoutInput.safeParse(formFields(form));
  assert.ok(!parsed.success);
  const state = failed(parsed.error, typedValues(form), secretsTyped(form));
  assert.deepEqual(state.fieldErrors, {
    "address.city": "Enter the city.",
    "card.number": WRONG_NUMBER,
    "card.expYear": EXPIRED,
    "card.cvc": SHORT_CVC,
  });
  // Secrets are never sent back: the page is told which were typed, to ask for them again.
  assert.deepEqual(state.retype, ["card.number", "card.cvc"]);
  assert.equal(state.values?.["card.number"], undefined);
  assert.equal(state.values?.["card.cvc"], undefined);
  assert.equal(state.values?.["card.expYear"], "2020");
});

test("a line short of stock is 409 out_of_stock naming the product, and nothing changes", async () => {
  const p = await product(3);
  const other = await product(10);
  const g = await guest([
    [other.slug, 1],
    [p.slug, 3],
  ]);
  await db.product.update({ where: { id: p.id }, data: { stock: 2 } }); // someone else bought one
  await assert.rejects(placeOrder(g, input()), refused("out_of_stock", { message: p.name }));
  assert.equal((await db.product.findUniqueOrThrow({ where: { id: other.id } })).stock, 10);
  assert.equal((await readCart({ guestSessionId: g.id }, "USD")).items.length, 2);
  assert.equal(await db.order.count({ where: { guestSessionId: g.id } }), 0);
});

test("8 checkouts racing for 5 units: exactly 5 orders, stock never below zero", async () => {
  const p = await product(5);
  const shoppers = await Promise.all(Array.from({ length: 8 }, () => guest([[p.slug, 1]])));
  const results = await Promise.allSettled(shoppers.map((s) => placeOrder(s, input())));
  const won = results.filter((r) => r.status === "fulfilled").length;
  const lost = results.filter((r) => r.status === "rejected");
  assert.equal(won, 5);
  assert.equal(lost.length, 3);
  for (const r of lost) refused("out_of_stock")((r as PromiseRejectedResult).reason);
  assert.equal((await db.product.findUniqueOrThrow({ where: { id: p.id } })).stock, 0);
  assert.equal(await db.orderItem.count({ where: { productId: p.id } }), 5);
});

test("a guest's order rotates the session: the old id ends and sees nothing, the new one carries on", async () => {
  const { session: planted, seal: plantedSeal } = await createGuestSession();
  await addItem(ownerOf(planted), { slug: "soy-candle", quantity: 1 });
  await db.guestSession.update({
    where: { id: planted.id },
    data: { preferences: JSON.stringify({ currency: "EUR" }) },
  });
  const victim = (await resolveSession(plantedSeal)).session!;
  const { order, nextSession } = await placeOrder(victim, input());
  assert.ok(nextSession && nextSession.id !== planted.id, "a new guest id");
  assert.deepEqual(
    await resolveSession(plantedSeal),
    {
      session: null,
      stale: true,
      ended: { type: "anonymous", reason: "ended", idle: false, rotated: true },
    },
    "the old cookie is refused, as the loser of a rotation (which must leave the new cookie alone)",
  );
  assert.equal((await db.guestSession.findUniqueOrThrow({ where: { id: planted.id } })).status, "revoked");
  assert.match(
    describeEnd({ type: "anonymous", reason: "ended", idle: false, rotated: true }),
    /goes on under a new id there/,
  );
  assert.deepEqual(await listOrders(planted), []);
  await assert.rejects(findOrder(planted, order.id), refused("not_found"));
  const next = await db.guestSession.findUniqueOrThrow({ where: { id: nextSession.id } });
  assert.equal(next.status, "active");
  assert.equal(next.expiresAt.getTime(), planted.expiresAt.getTime(), "the absolute expiry is not extended");
  assert.equal(next.variant, (await db.guestSession.findUniqueOrThrow({ where: { id: planted.id } })).variant);
  assert.deepEqual(JSON.parse(next.preferences), { currency: "EUR" });
  assert.equal((await listOrders(nextSession)).length, 1);
});

test("orders are visible to their guest session only; a guessed id is a 404", async () => {
  const a = await guest([["soy-candle", 1]]);
  const b = await guest();
  const { order, nextSession } = await placeOrder(a, input());
  assert.equal((await findOrder(nextSession, order.id)).id, order.id);
  await assert.rejects(findOrder(b, order.id), refused("not_found"));
  await assert.rejects(findOrder(null, order.id), refused("not_found"));
  await assert.rejects(findOrder(a, "ord_guessed"), refused("not_found"));
  assert.deepEqual((await listOrders(b)).length, 0);
});

test("a guest typing a member's e-mail claims nothing, and the member sees nothing of the guest's order", async () => {
  const m = await member();
  const g = await guest([["soy-candle", 1]]);
  const { order, nextSession } = await placeOrder(g, input({ email: m.email }));
  assert.deepEqual(await listOrders(m), []);
  await assert.rejects(findOrder(m, order.id), refused("not_found"));
  assert.equal((await listOrders(nextSession)).length, 1);
});

test("signing up from a guest order attaches that order (migration counts it)", async () => {
  const g = await guest([["washi-tape-set", 2]]);
  const { order, nextSession } = await placeOrder(g, input());
  const user = await account();
  const summary = await migrateGuestSession({ guestSessionId: nextSession!.id, userId: user.id, kind: "signup" });
  assert.equal(summary?.orders, 1);
  const { seal } = await createUserSession(user.id, nextSession!.id);
  const m = (await resolveSession(seal)).session!;
  assert.equal((await findOrder(m, order.id)).id, order.id);
});

test("members check out with a saved card; guests can't save cards; a wrong password saves nothing", async () => {
  const m = await member();
  const card = { number: "5555 5555 5555 4444", expMonth: 6, expYear: 2031, cvc: "321" };
  await assert.rejects(addPaymentMethod(m, { card, password: "wrong password" }), refused("invalid_password"));
  // With a line in the cart, so that paying with the member's card below meets the saved-card rule, not the empty cart.
  const g = await guest([["soy-candle", 1]]);
  await assert.rejects(addPaymentMethod(g, { card, password: PASSWORD }), refused("forbidden", { status: 403 }));
  const saved = await addPaymentMethod(m, { card, password: PASSWORD });
  assert.deepEqual([saved.brand, saved.last4], ["mastercard", "4444"]);
  await addItem({ userId: m.userId }, { slug: "soy-candle", quantity: 1 });
  const { order } = await placeOrder(m, input({ card: undefined, paymentMethodId: saved.id }));
  assert.deepEqual(order.payment, { brand: "mastercard", last4: "4444" });
  await assert.rejects(
    placeOrder(g, input({ card: undefined, paymentMethodId: saved.id })),
    refused("forbidden", { message: /saved card/ }),
  );
});

test("a saved card that has expired since is refused, and nothing changes", async () => {
  const m = await member();
  const { userId } = m;
  const old = await db.paymentMethod.create({
    data: { userId, brand: "visa", last4: "4242", expMonth: 1, expYear: 2021 },
  });
  await addItem({ userId }, { slug: "soy-candle", quantity: 1 });
  await assert.rejects(placeOrder(m, input({ card: undefined, paymentMethodId: old.id })), refused("invalid_card"));
  assert.equal((await readCart({ userId }, "USD")).items.length, 1);
  assert.equal(await db.order.count({ where: { userId } }), 0);
});

test("asking for the password again is limited like a log-in", async () => {
  const m = await member();
  const card = { number: "4242 4242 4242 4242", expMonth: 6, expYear: 2031, cvc: "321" };
  let limited: unknown;
  // Twice the limit and one: even if a minute turns over halfway, one window fills.
  for (let i = 0; i < 21 && !limited; i++) {
    await addPaymentMethod(m, { card, password: "wrong password" }).catch((e: unknown) => {
      if (e instanceof DomainError && e.status === 429) limited = e;
    });
  }
  assert.ok(limited, "no 429 after 21 wrong passwords (limit 10 a minute)");
});

test("addresses are written as each country's post writes them", () => {
  const at = (country: string, postalCode: string, city: string) =>
    addressLines({ line1: "1 Main St", city, postalCode, country });
  assert.deepEqual(at("US", "62704", "Springfield"), ["1 Main St", "Springfield 62704", "United States"]);
  assert.deepEqual(at("DE", "10115", "Berlin"), ["1 Main St", "10115 Berlin", "Germany"]);
  assert.deepEqual(at("GB", "N1 9GU", "London"), ["1 Main St", "London", "N1 9GU", "United Kingdom"]);
  assert.deepEqual(at("JP", "100-0001", "Tokyo"), ["1 Main St", "〒100-0001 Tokyo", "Japan"]);
  assert.deepEqual(
    addressLines({ line1: "1 Main St", line2: "Flat 2", city: "Paris", postalCode: "75001", country: "FR" }),
    ["1 Main St", "Flat 2", "75001 Paris", "France"],
  );
  assert.deepEqual(
    addressLines({ line1: "1 Main St", city: "Springfield", region: "IL", postalCode: "62704", country: "US" }),
    ["1 Main St", "Springfield, IL 62704", "United States"],
  );
});

test("a US address takes a state by its code (any case), is refused an unknown one, and still checks out without one", async () => {
  const us = (region?: string) => ({
    ...input(),
    address: { line1: "1 Main St", city: "Springfield", postalCode: "62704", country: "us", region },
  });
  assert.equal(checkoutInput.parse(us("il")).address.region, "IL");
  assert.equal(checkoutInput.parse(us("")).address.region, undefined);
  assert.equal(checkoutInput.parse(us()).address.region, undefined);
  const unknownState = checkoutInput.safeParse(us("Illinoise"));
  assert.deepEqual(
    unknownState.error?.issues.map((i) => [i.path.join("."), i.message]),
    [["address.region", "Choose a US state (such as NY or CA)."]],
  );
  // Elsewhere a region is free text (a province, a county), as the post writes it.
  const fr = checkoutInput.parse({ ...input(), address: { ...input().address, region: "Île-de-France" } });
  assert.equal(fr.address.region, "Île-de-France");

  const g = await guest([["morning-blend", 1]]);
  const { order } = await placeOrder(g, checkoutInput.parse(us("ny")));
  assert.equal(order.shipping.region, "NY");
  assert.equal((await db.order.findUniqueOrThrow({ where: { id: order.id } })).region, "NY");
});
