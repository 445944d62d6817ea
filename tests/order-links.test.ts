// The signed link in an order confirmation (lib/checkout/order-links.ts), on a real database: it
// shows that one order, read-only and partly masked, to whoever holds it, until ORDER_LINK_DAYS;
// an altered, cut or expired link shows nothing, says why, and is logged without the token.
import "./helpers/test-db";
import { guestWithSeal, member, ownProduct } from "./helpers/fixtures";
import { testContext } from "./helpers/context";
import { refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import fs from "node:fs";
import { before, test } from "node:test";
import { checkOut, checkoutInput } from "../lib/checkout/checkout";
import { checkOrderLink, openOrderLink, orderByLink, signOrderLink } from "../lib/checkout/order-links";
import { listOutbox } from "../lib/mail/outbox";
import { config } from "../lib/config";
import { db } from "../lib/db/client";
import { resolveSession } from "../lib/session/check";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";

const DAY = 86_400_000;

before(() => seedIfEmpty());

const input = checkoutInput.parse({
  email: "ada.lovelace@example.com",
  name: "Ada King Lovelace",
  address: { line1: "1 Analytical Way", line2: "Flat 2", city: "London", postalCode: "N1 9GU", country: "GB" },
  card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: "123" },
});

/** A guest checks out through checkOut; the order and the link its confirmation e-mail carries. */
async function ordered() {
  const product = await ownProduct("order-link", 50, 1250);
  const { session } = await guestWithSeal([[product.slug, 2]]);
  const ctx = testContext(session, { origin: "http://shop.test" });
  const order = await checkOut(ctx, input);
  const { session: buyer } = await resolveSession(nth([ctx.jar.cookie?.seal ?? ""], 0));
  const [message] = await listOutbox(buyer);
  const link = nth(message?.links ?? [], 0);
  return { order, link, token: link.slice("http://shop.test/orders/link/".length), product };
}

test("the confirmation's link opens the order, read-only, with the street, postal code and full name left out", async () => {
  const { order, link, token, product } = await ordered();
  assert.match(link, /^http:\/\/shop\.test\/orders\/link\/ord_[\w-]+\.[0-9a-z]+\.[\w-]{43}$/);
  const result = await openOrderLink(token);
  assert.equal(result.status, "valid");
  assert.ok(result.status === "valid");
  assert.deepEqual(result.order.items, [
    { productId: product.id, name: product.name, quantity: 2, unitPrice: { amount: 1250, currency: "USD" } },
  ]);
  assert.equal(result.order.id, order.id);
  assert.deepEqual(result.order.total, order.total);
  assert.deepEqual(result.order.shipping, { name: "Ada L.", city: "London", country: "United Kingdom" });
  assert.equal(result.order.email, "a***@example.com");
  const shown = JSON.stringify(result.order);
  for (const hidden of ["1 Analytical Way", "Flat 2", "N1 9GU", "Lovelace", "ada.lovelace"]) {
    assert.ok(!shown.includes(hidden), `${hidden} is not shown on a link`);
  }
  const days = (Date.parse(result.order.linkExpiresAt) - Date.now()) / DAY;
  assert.ok(Math.abs(days - config().orderLinkDays) < 0.01, `the link runs ${config().orderLinkDays} days`);
});

test("the link keeps working after the buyer's guest session has ended", async () => {
  const { order, token } = await ordered();
  await db.guestSession.updateMany({
    where: { orders: { some: { id: order.id } } },
    data: { status: "expired", endedAt: new Date() },
  });
  assert.equal((await openOrderLink(token)).status, "valid");
});

test("an expired link shows nothing, and says whether the order is in an account now", async () => {
  const { order, token } = await ordered();
  const later = new Date(Date.now() + (config().orderLinkDays + 1) * DAY);
  assert.deepEqual(await openOrderLink(token, later), { status: "expired", claimed: false });
  await assert.rejects(
    orderByLink(token, later),
    refused("link_expired", { status: 410, message: /sign up or log in/ }),
  );

  const owner = await member();
  await db.order.update({ where: { id: order.id }, data: { userId: owner.userId } });
  assert.deepEqual(await openOrderLink(token, later), { status: "expired", claimed: true });
  await assert.rejects(orderByLink(token, later), refused("link_expired", { message: /log in to see it/ }));
});

test("an altered, cut or made-up link is refused as not found, and the log never holds the token", async () => {
  const { token } = await ordered();
  const [id, expiry, mac] = token.split(".") as [string, string, string];
  const farExpiry = (parseInt(expiry, 36) + 365 * 86_400).toString(36);
  const other = signOrderLink("ord_AAAAAAAAAAAAAAAAAAAAAA").token;
  const forgeries = [
    `${id}.${farExpiry}.${mac}`, // a longer life
    `ord_AAAAAAAAAAAAAAAAAAAAAA.${expiry}.${mac}`, // another order
    token.slice(0, -1), // cut short
    `${id}.${expiry}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`,
    "",
    "../../etc/passwd",
  ];
  for (const forged of forgeries) {
    assert.deepEqual(await openOrderLink(forged), { status: "invalid" }, forged);
    await assert.rejects(orderByLink(forged), refused("not_found", { status: 404 }));
  }
  // Signed by the shop, but for an order that does not exist: nothing to show either.
  assert.deepEqual(await openOrderLink(other), { status: "invalid" });
  assert.equal(checkOrderLink(other).status, "valid");

  const log = fs.readFileSync(process.env.LOG_FILE!, "utf8");
  const refusals = log.split("\n").filter((l) => l.includes('"order_link.refused"'));
  assert.ok(refusals.length >= forgeries.length);
  for (const line of refusals) assert.ok(!line.includes(mac.slice(0, 20)), "no token in the log");
  assert.ok(!log.includes(token), "the token is never logged");
});
