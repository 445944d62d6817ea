// checkOut as a request calls it (the checkout form's action and POST /api/checkout), with a request
// context: the order the client gets, the cookie its jar holds (a guest goes on under a new id), the
// old id ended as rotated, the catalog told its stock changed, the confirmation in the outbox, and the
// refusals that change nothing. placeOrder, inside it, has its own tests (checkout.test.ts).
import "./helpers/test-db";
import { guestWithSeal, memberWithSeal, ownProduct } from "./helpers/fixtures";
import { testContext } from "./helpers/context";
import { nothingSet, refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { addItem, cartOf } from "../lib/cart/cart";
import { checkOut, checkoutInput } from "../lib/checkout/checkout";
import { listOrders } from "../lib/checkout/orders";
import { listOutbox } from "../lib/mail/outbox";
import { db } from "../lib/db/client";
import { DomainError } from "../lib/errors";
import { resolveSession } from "../lib/session/check";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";

before(async () => {
  await seedIfEmpty();
});

/** A product of this file's own, so no other test moves its stock. */
const product = (stock: number) => ownProduct("ctx-checkout", stock, 1000);
const stockOf = async (id: string) => (await db.product.findUniqueOrThrow({ where: { id } })).stock;

const input = (card = "4242 4242 4242 4242") =>
  checkoutInput.parse({
    email: "buyer@example.com",
    name: "Ada Lovelace",
    address: { line1: "1 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" },
    card: { number: card, expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: "123" },
  });

test("a guest's checkOut rotates the session: the jar gets a cookie for a new id, the old id ends as rotated, the order is the new id's", async () => {
  const p = await product(5);
  const { session: before, seal: oldSeal } = await guestWithSeal([[p.slug, 2]]);
  const ctx = testContext(before, { origin: "http://shop.test" });
  const order = await checkOut(ctx, input());

  assert.ok(ctx.jar.cookie, "a new session cookie was set");
  const { session: after } = await resolveSession(ctx.jar.cookie.seal);
  assert.ok(after?.type === "anonymous", "the new cookie is a live guest session");
  assert.notEqual(after.id, before.id, "a new session id");
  assert.equal(after.expiresAt.getTime(), before.expiresAt.getTime(), "buying does not extend the session");
  assert.deepEqual(
    await resolveSession(oldSeal),
    {
      session: null,
      stale: true,
      ended: { type: "anonymous", reason: "ended", idle: false, rotated: true },
    },
    "the old cookie is refused as the loser of a rotation",
  );
  const old = await db.guestSession.findUniqueOrThrow({ where: { id: before.id } });
  assert.deepEqual([old.status, old.rotated], ["revoked", true]);

  assert.deepEqual(
    (await listOrders(after)).map((o) => o.id),
    [order.id],
  );
  assert.deepEqual(await listOrders(before), [], "nothing of the order is left with the old id");
  assert.deepEqual((await cartOf(after)).items, []);
  assert.equal(await stockOf(p.id), 3);
  assert.equal(ctx.catalogChanges, 1, "the cached catalog pages are told the stock changed");
  const confirmation = nth(await listOutbox(after));
  assert.equal(confirmation.to, "buyer@example.com");
  assert.equal(confirmation.links.length, 1);
  assert.match(nth(confirmation.links), new RegExp(`^http://shop\\.test/orders/link/${order.id}\\.`));
});

test("a member's checkOut keeps the session and its cookie; the order is the account's", async () => {
  const p = await product(5);
  const { session: m, seal } = await memberWithSeal();
  await addItem({ userId: m.userId }, { slug: p.slug, quantity: 1 });
  const ctx = testContext(m);
  const order = await checkOut(ctx, input());
  nothingSet(ctx);
  assert.equal((await resolveSession(seal)).session?.id, m.id, "the member's cookie goes on");
  assert.deepEqual(
    (await listOrders(m)).map((o) => o.id),
    [order.id],
  );
  assert.equal(ctx.catalogChanges, 1);
  assert.match(nth(nth(await listOutbox(m)).links), new RegExp(`^http://localhost:3000/orders/link/${order.id}\\.`));
});

test("a refused checkOut (no session, an empty cart, a declined card) sets no cookie and changes nothing", async () => {
  const nobody = testContext(null);
  await assert.rejects(checkOut(nobody, input()), refused("empty_cart"));
  nothingSet(nobody);
  assert.equal(nobody.catalogChanges, 0);

  const { session: empty } = await guestWithSeal();
  await assert.rejects(checkOut(testContext(empty), input()), refused("empty_cart", { status: 422 }));

  const p = await product(5);
  const { session: g, seal } = await guestWithSeal([[p.slug, 2]]);
  const ctx = testContext(g);
  await assert.rejects(checkOut(ctx, input("4000 0000 0000 0002")), refused("card_declined", { status: 402 }));
  nothingSet(ctx);
  assert.equal(ctx.catalogChanges, 0);
  assert.equal((await resolveSession(seal)).session?.id, g.id, "the guest goes on under the same id");
  assert.deepEqual(
    (await cartOf(g)).items.map((i) => [i.slug, i.quantity]),
    [[p.slug, 2]],
  );
  assert.equal(await stockOf(p.id), 5);
  assert.deepEqual(await listOrders(g), []);
});

test("a Host links can't be made for still places the order; the confirmation links to it relatively", async () => {
  const p = await product(5);
  const { session: g } = await guestWithSeal([[p.slug, 1]]);
  const ctx = Object.assign(testContext(g), {
    origin: () => {
      throw new DomainError("host_not_allowed");
    },
  });
  const order = await checkOut(ctx, input());
  const { session: after } = await resolveSession(ctx.jar.cookie!.seal);
  assert.match(nth(nth(await listOutbox(after)).links), new RegExp(`^/orders/link/${order.id}\\.`));
});
