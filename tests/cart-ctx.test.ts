// The cart room's functions as a request calls them (addToCart, changeCartQuantity, emailMyCart,
// restoreCart: what app/cart/actions.ts and the cart routes call), with a request context: what the
// client gets back, the cookie its jar holds, its cart afterwards, the refusals and what they count.
// The inner functions have their own tests (cart.test.ts, journeys.test.ts).
import "./helpers/test-db";
import { guest, member, ownProduct } from "./helpers/fixtures";
import { testContext, type TestContext } from "./helpers/context";
import { nothingSet, refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { addToCart, cartOf, changeCartQuantity } from "../lib/cart/cart";
import { emailMyCart, LEADS_PER_MIN, restoreCart } from "../lib/cart/leads";
import { listOutbox } from "../lib/mail/outbox";
import { config } from "../lib/config";
import { db } from "../lib/db/client";
import { DomainError } from "../lib/errors";
import { hit, hitsThisWindow } from "../lib/limits/rate-limit";
import { resolveSession } from "../lib/session/check";
import { revokeSession } from "../lib/session/lifecycle";
import { type Session } from "../lib/session/types";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";
import { windowWithRoomFor } from "./helpers/windows";

let n = 0;
before(async () => {
  await seedIfEmpty();
});

/** A product of this file's own, so no other test moves its stock. */
const product = (stock: number) => ownProduct("ctx-cart", stock, 500);

/** A fresh client address per call: limits are counted per address. */
const address = () => `198.51.100.${100 + ++n}`;

const pairs = async (session: Session) => (await cartOf(session)).items.map((i) => [i.slug, i.quantity]);

/** The session the cookie in the jar resolves to, as the browser's next request would. */
async function cookieSession(ctx: TestContext) {
  assert.ok(ctx.jar.cookie, "a session cookie was set");
  const { session } = await resolveSession(ctx.jar.cookie.seal);
  assert.ok(session, "the cookie resolves to a live session");
  return session;
}

/** The restore link e-mailed for `source`'s cart. */
async function restoreToken(source: Session) {
  await emailMyCart(testContext(source, { ip: address() }), { email: "restore@example.com" });
  return nth(nth(await listOutbox(source)).links)
    .split("/")
    .pop()!;
}

test("addToCart without a session starts a guest session: its cookie is set, resolves to the session returned and holds the line", async () => {
  const p = await product(5);
  const ctx = testContext(null);
  const session = await addToCart(ctx, { slug: p.slug, quantity: 2 });
  assert.equal(session.type, "anonymous");
  assert.equal((await cookieSession(ctx)).id, session.id);
  assert.equal(ctx.jar.cookie?.expiresAt.getTime(), session.expiresAt.getTime());
  assert.deepEqual(await pairs(session), [[p.slug, 2]]);
});

test("addToCart with a session adds to its cart and sets no cookie; a member's add goes to the account", async () => {
  const p = await product(9);
  const g = await guest([[p.slug, 1]]);
  const ctx = testContext(g);
  assert.equal((await addToCart(ctx, { productId: p.id, quantity: 2 })).id, g.id);
  nothingSet(ctx);
  assert.deepEqual(await pairs(g), [[p.slug, 3]]);

  const m = await member();
  const memberCtx = testContext(m);
  assert.equal((await addToCart(memberCtx, { slug: p.slug, quantity: 1 })).id, m.id);
  nothingSet(memberCtx);
  assert.deepEqual(
    (await db.cart.findUniqueOrThrow({ where: { userId: m.userId }, include: { items: true } })).items.map(
      (i) => i.quantity,
    ),
    [1],
  );
});

test("a first add that will be refused starts no session and sets no cookie", async () => {
  const p = await product(2);
  const sessions = await db.guestSession.count();
  const unknown = testContext(null);
  await assert.rejects(addToCart(unknown, { slug: "no-such-product", quantity: 1 }), refused("not_found"));
  nothingSet(unknown);
  const tooMany = testContext(null);
  await assert.rejects(addToCart(tooMany, { slug: p.slug, quantity: 3 }), refused("out_of_stock"));
  nothingSet(tooMany);
  assert.equal(await db.guestSession.count(), sessions, "no guest session was made");
});

test("a session without the add_to_cart scope (ANON_PERMISSIONS) is refused 403, and its cart is untouched", async () => {
  const p = await product(5);
  const g = await guest([[p.slug, 1]]);
  const narrowed = { ...g, permissions: ["view_content"] } as Session;
  await assert.rejects(
    addToCart(testContext(narrowed), { slug: p.slug, quantity: 1 }),
    refused("forbidden", { status: 403 }),
  );
  await assert.rejects(changeCartQuantity(testContext(narrowed), p.id, 0), refused("forbidden", { status: 403 }));
  assert.deepEqual(await pairs(g), [[p.slug, 1]]);
});

test("changeCartQuantity sets or removes a line of the caller's cart, sets no cookie, and refuses what is not in it", async () => {
  const [a, b] = [await product(5), await product(5)];
  const g = await guest([
    [a.slug, 1],
    [b.slug, 1],
  ]);
  const ctx = testContext(g);
  assert.equal((await changeCartQuantity(ctx, a.id, 4)).id, g.id);
  await changeCartQuantity(ctx, b.id, 0);
  nothingSet(ctx);
  assert.deepEqual(await pairs(g), [[a.slug, 4]]);
  await assert.rejects(changeCartQuantity(ctx, b.id, 1), refused("not_in_cart", { status: 404 }));
  await assert.rejects(changeCartQuantity(ctx, a.id, 6), refused("out_of_stock"));
  await assert.rejects(
    changeCartQuantity(testContext(await guest()), a.id, 1),
    refused("not_in_cart"),
    "another cart's line",
  );
  assert.deepEqual(await pairs(g), [[a.slug, 4]]);
});

test("changeCartQuantity without a session is not_in_cart and starts no session", async () => {
  const p = await product(5);
  const ctx = testContext(null);
  await assert.rejects(changeCartQuantity(ctx, p.id, 1), refused("not_in_cart"));
  nothingSet(ctx);
});

test("every cart write counts once against the session and the address, a refused one too; past the session's limit nothing is written", async () => {
  const limit = config().rateLimits.cartWrites;
  const p = await product(3);
  const g = await guest();
  const ctx = testContext(g, { ip: address() });
  await windowWithRoomFor(5_000); // every write below must count in one window
  await addToCart(ctx, { slug: p.slug, quantity: 1 });
  await assert.rejects(addToCart(ctx, { slug: p.slug, quantity: 5 }), refused("out_of_stock"));
  assert.equal(await hitsThisWindow("cart_writes", g.id), 2);
  assert.equal(await hitsThisWindow("cart_writes_ip", ctx.network), 2);

  for (let i = 2; i < limit; i++) await changeCartQuantity(ctx, p.id, 1);
  await assert.rejects(
    addToCart(ctx, { slug: p.slug, quantity: 1 }),
    refused("rate_limited", { status: 429, message: /very quickly/ }),
  );
  await assert.rejects(changeCartQuantity(ctx, p.id, 0), refused("rate_limited"));
  assert.deepEqual(await pairs(g), [[p.slug, 1]]);
});

test("emailMyCart sends the guest's cart with a restore link on this shop's origin, and sets no cookie", async () => {
  const p = await product(5);
  const g = await guest([[p.slug, 3]]);
  const ctx = testContext(g, { origin: "http://shop.test", ip: address() });
  const { expiresAt, ...sent } = await emailMyCart(ctx, { email: "me@example.com" });
  assert.deepEqual(sent, { email: "me@example.com", items: 3 });
  assert.ok(Date.parse(expiresAt) > Date.now() + 86_400_000, "the link outlives the guest session's day");
  nothingSet(ctx);
  const message = nth(await listOutbox(g));
  assert.equal(message.to, "me@example.com");
  assert.match(nth(message.links), /^http:\/\/shop\.test\/cart\/restore\/[\w-]{43}$/);
  assert.match(message.text, new RegExp(`${p.name} × 3`));
});

test("emailMyCart refuses a member, a visitor without a session, an empty cart and a Host links can't be made for, and stores nothing", async () => {
  const email = { email: "refused@example.com" };
  await assert.rejects(
    emailMyCart(testContext(await member(), { ip: address() }), email),
    refused("forbidden", { message: /kept in your account/ }),
  );
  const nobody = testContext(null, { ip: address() });
  await assert.rejects(emailMyCart(nobody, email), refused("empty_cart", { status: 422 }));
  nothingSet(nobody);
  await assert.rejects(emailMyCart(testContext(await guest(), { ip: address() }), email), refused("empty_cart"));
  const unknownHost = Object.assign(testContext(await guest([["brass-pen", 1]]), { ip: address() }), {
    origin: () => {
      throw new DomainError("host_not_allowed");
    },
  });
  await assert.rejects(emailMyCart(unknownHost, email), refused("host_not_allowed"));
  assert.equal(await db.lead.count({ where: { email: email.email } }), 0);
  assert.equal(await db.outboxMessage.count({ where: { to: email.email } }), 0);
});

test("emailMyCart counts every request against the client's address, refused ones too: a fresh cookie buys no more messages", async () => {
  const ip = address();
  const g = await guest([["brass-pen", 1]]);
  await windowWithRoomFor(5_000);
  for (let i = 0; i < LEADS_PER_MIN * 4; i++) {
    await assert.rejects(emailMyCart(testContext(null, { ip }), { email: "many@example.com" }), refused("empty_cart"));
  }
  await assert.rejects(
    emailMyCart(testContext(g, { ip }), { email: "many@example.com" }),
    refused("rate_limited", { status: 429, message: /from your network/ }),
  );
  assert.deepEqual(await listOutbox(g), [], "nothing was sent");
  await emailMyCart(testContext(g, { ip: address() }), { email: "many@example.com" });
  assert.equal((await listOutbox(g)).length, 1, "another address still can");
});

test("restoreCart in a browser without a session starts one, sets its cookie and copies the cart; the link then works no more", async () => {
  const [a, b] = [await product(5), await product(5)];
  const token = await restoreToken(
    await guest([
      [a.slug, 2],
      [b.slug, 1],
    ]),
  );
  const first = testContext(null, { ip: address() });
  assert.deepEqual(await restoreCart(first, token), { status: "restored", added: 3, unavailable: 0 });
  assert.deepEqual(await pairs(await cookieSession(first)), [
    [a.slug, 2],
    [b.slug, 1],
  ]);

  const other = await guest([["brass-pen", 1]]);
  const again = testContext(other, { ip: address() });
  assert.deepEqual(await restoreCart(again, token), { status: "used" });
  nothingSet(again);
  assert.deepEqual(await pairs(other), [["brass-pen", 1]]);
  const cookieless = testContext(null, { ip: address() });
  assert.deepEqual(await restoreCart(cookieless, token), { status: "used" });
  nothingSet(cookieless);
});

test("restoreCart in the browser the cart came from is same_browser: nothing changes, and the link still works elsewhere", async () => {
  const p = await product(5);
  const source = await guest([[p.slug, 2]]);
  const token = await restoreToken(source);
  const ctx = testContext(source, { ip: address() });
  assert.deepEqual(await restoreCart(ctx, token), { status: "same_browser" });
  nothingSet(ctx);
  assert.deepEqual(await pairs(source), [[p.slug, 2]]);
  assert.equal((await restoreCart(testContext(await guest(), { ip: address() }), token)).status, "restored");
});

test("restoreCart into a browser with a cart adds to it, sets no cookie, and counts as one of its cart writes", async () => {
  const p = await product(9);
  const token = await restoreToken(await guest([[p.slug, 2]]));
  const target = await guest([
    [p.slug, 1],
    ["brass-pen", 1],
  ]);
  const ctx = testContext(target, { ip: address() });
  await windowWithRoomFor(5_000);
  const before = await hitsThisWindow("cart_writes", target.id);
  assert.deepEqual(await restoreCart(ctx, token), { status: "restored", added: 2, unavailable: 0 });
  nothingSet(ctx);
  assert.equal(await hitsThisWindow("cart_writes", target.id), before + 1);
  assert.deepEqual(await pairs(target), [
    [p.slug, 3],
    ["brass-pen", 1],
  ]);
});

test("a restore refused by the session's cart-write limit uses nothing up: the link still works", async () => {
  const p = await product(5);
  const token = await restoreToken(await guest([[p.slug, 1]]));
  const busy = await guest();
  await windowWithRoomFor(5_000);
  const limit = config().rateLimits.cartWrites;
  for (let i = 0; i < limit; i++) await hit("cart_writes", busy.id, limit);
  await assert.rejects(restoreCart(testContext(busy, { ip: address() }), token), refused("rate_limited"));
  assert.deepEqual(await pairs(busy), []);
  assert.equal((await restoreCart(testContext(null, { ip: address() }), token)).status, "restored");
});

test("a malformed, unknown or ended link is refused without starting a session", async () => {
  const source = await guest([["brass-pen", 1]]);
  const token = await restoreToken(source);
  const sessions = await db.guestSession.count();
  for (const [link, status] of [
    ["short", "invalid"],
    ["A".repeat(43), "invalid"],
  ] as const) {
    const ctx = testContext(null, { ip: address() });
    assert.deepEqual(await restoreCart(ctx, link), { status });
    nothingSet(ctx);
  }
  await revokeSession(source);
  const ctx = testContext(null, { ip: address() });
  assert.deepEqual(await restoreCart(ctx, token), { status: "expired" });
  nothingSet(ctx);
  assert.equal(await db.guestSession.count(), sessions, "no guest session was made");
});
