// An e-mailed cart (lib/cart/leads.ts) on a real database: the link restores the cart's snapshot
// for EMAILED_CART_DAYS, also after its guest session went idle and the sweep deleted the cart;
// it dies when the shopper moved the cart on (checked out, signed up, ended the session), and the
// sweep deletes those links but keeps the idle ones.
import "./helpers/test-db";
import { guest, ownProduct, PASSWORD, uniqueEmail } from "./helpers/fixtures";
import { testContext } from "./helpers/context";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { signUp } from "../lib/accounts/accounts";
import { readCart } from "../lib/cart/cart";
import { captureLead, previewRestore, restoreCart } from "../lib/cart/leads";
import { placeOrder, checkoutInput } from "../lib/checkout/checkout";
import { config } from "../lib/config";
import { db } from "../lib/db/client";
import { listOutbox } from "../lib/mail/outbox";
import { resolveSession } from "../lib/session/check";
import { revokeSession } from "../lib/session/lifecycle";
import { sweepGuestSessions } from "../lib/sweep/sweep";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

before(() => seedIfEmpty());

/** A guest with two of a product of this file's own, who e-mails the cart: the session, the product, the token. */
async function emailedCart() {
  const product = await ownProduct("emailed-cart", 100, 900);
  const g = await guest([[product.slug, 2]]);
  await captureLead(g, { email: uniqueEmail("cart") }, "http://shop.test");
  const message = nth(await listOutbox(g));
  return { g, product, token: nth(message.links).split("/").pop()!, text: message.text };
}

const tokenRowOf = (g: { id: string }) => db.restoreToken.findFirst({ where: { guestSessionId: g.id } });

test("the e-mail says how long the link works, with the time's zone, and what ends it", async () => {
  const { g, text } = await emailedCart();
  const row = await tokenRowOf(g);
  const days = (row!.expiresAt.getTime() - Date.now()) / DAY;
  assert.ok(Math.abs(days - config().emailedCartDays) < 0.01, `kept ${config().emailedCartDays} days`);
  assert.match(
    text,
    new RegExp(
      `works once, for ${config().emailedCartDays} days, until\\n\\w+day, \\d+ \\w+ \\d{4} at \\d\\d:\\d\\d UTC`,
    ),
  );
  assert.match(text, /check out this cart, log in or sign up with it, or end your guest session yourself/);
});

test("after two idle hours and the sweep, the cart is gone from its session but the link restores it in another browser", async () => {
  const { g, product, token } = await emailedCart();
  await sweepGuestSessions(new Date(Date.now() + 3 * HOUR));
  const ended = await db.guestSession.findUniqueOrThrow({ where: { id: g.id } });
  assert.equal(ended.status, "expired");
  assert.equal(await db.cart.count({ where: { guestSessionId: g.id } }), 0, "the sweep deleted the session's cart");
  assert.ok(await tokenRowOf(g), "the link and its snapshot stay");

  // The next day, in another browser (no cookie yet).
  const nextDay = new Date(Date.now() + DAY);
  assert.deepEqual(await previewRestore(token, null, nextDay), {
    status: "ready",
    lines: [{ name: product.name, quantity: 2, available: true }],
  });
  const ctx = testContext(null);
  ctx.now = nextDay;
  assert.deepEqual(await restoreCart(ctx, token), { status: "restored", added: 2, unavailable: 0 });
  const { session: there } = await resolveSession(ctx.jar.cookie!.seal);
  const cart = await readCart({ guestSessionId: there!.id }, "USD");
  assert.deepEqual(
    cart.items.map((i) => [i.productId, i.quantity]),
    [[product.id, 2]],
  );
});

test("the link runs out after EMAILED_CART_DAYS, whatever became of its session", async () => {
  const { token } = await emailedCart();
  const days = config().emailedCartDays;
  assert.equal((await previewRestore(token, null, new Date(Date.now() + (days - 0.1) * DAY))).status, "ready");
  assert.deepEqual(await previewRestore(token, null, new Date(Date.now() + (days + 0.1) * DAY)), {
    status: "expired",
  });
});

test("the link dies when the shopper ends the session, checks the cart out or signs up with it; the sweep then deletes it", async () => {
  const ended = await emailedCart();
  await revokeSession(ended.g);

  const checkedOut = await emailedCart();
  await placeOrder(
    checkedOut.g,
    checkoutInput.parse({
      email: "buyer@example.com",
      name: "Ada Lovelace",
      address: { line1: "1 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" },
      card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: "123" },
    }),
  );

  const signedUp = await emailedCart();
  await signUp(testContext(signedUp.g), { email: uniqueEmail("signed-up"), password: PASSWORD });

  const idle = await emailedCart();
  for (const { token } of [ended, checkedOut, signedUp]) {
    assert.deepEqual(await previewRestore(token, null), { status: "expired" });
    assert.deepEqual(await restoreCart(testContext(null), token), { status: "expired" });
  }
  await sweepGuestSessions(new Date(Date.now() + 3 * HOUR));
  for (const { g } of [ended, checkedOut, signedUp]) assert.equal(await tokenRowOf(g), null, "deleted by the sweep");
  assert.ok(await tokenRowOf(idle.g), "an idle session's link is kept");
  assert.equal((await previewRestore(idle.token, null)).status, "ready");
});
