// Claiming past guest orders with an e-mailed, single-use link (lib/accounts/order-claims.ts), against a
// real SQLite file: nothing moves without the link, and the link moves only what it should, once.
import "./helpers/test-db";
import { guest, member, uniqueEmail } from "./helpers/fixtures";
import { refused } from "./helpers/refusals";
import { testContext } from "./helpers/context";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { claimHistory, claimOrders, previewOrderClaim, requestOrderClaim } from "../lib/accounts/order-claims";
import { checkoutInput, placeOrder } from "../lib/checkout/checkout";
import { listOrders } from "../lib/checkout/orders";
import { outboxLinksColumn } from "../lib/mail/store";
import { db } from "../lib/db/client";
import { DomainError } from "../lib/errors";
import type { Session, UserSession } from "../lib/session/types";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";

const MINUTE = 60_000;
const ORIGIN = "http://localhost:3000";
let productSlug: string;

before(async () => {
  await seedIfEmpty();
  // Plenty of stock of its own, so this file's orders never sell out a seeded product.
  const product = await db.product.create({
    data: {
      slug: `claimable-${Date.now()}`,
      name: "Claimable",
      description: "",
      priceCents: 1500,
      stock: 10_000,
      image: "/x.svg",
      category: { connect: { slug: "home" } },
    },
  });
  productSlug = product.slug;
});

/** A guest order placed at checkout with this e-mail, typed as given; its id. */
async function guestOrder(email: string): Promise<string> {
  const shopper = await guest([[productSlug, 1]]);
  const { order } = await placeOrder(
    shopper,
    checkoutInput.parse({
      email,
      name: "Ada Lovelace",
      address: { line1: "1 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" },
      card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" },
    }),
  );
  return order.id;
}

/** The messages in the outbox to this address, oldest first, with their links decoded. */
async function mailTo(email: string) {
  const rows = await db.outboxMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
  return rows.map((m) => ({ ...m, links: outboxLinksColumn.decode(m.links) }));
}

/** The token in the newest claim link sent to this address. */
async function tokenSentTo(email: string): Promise<string> {
  const newest = (await mailTo(email)).at(-1);
  const match = newest?.links[0]?.match(/\/account\/claim\/([\w-]+)$/);
  assert.ok(match, `a claim link was sent to ${email}`);
  return nth(match, 1);
}

/** Asks for a link as this member and returns its token. */
async function askForLink(session: UserSession): Promise<string> {
  await requestOrderClaim(testContext(session));
  return tokenSentTo(session.email);
}

/** A request from this session at `when`. */
function at(session: Session | null, when: Date) {
  const ctx = testContext(session);
  ctx.now = when;
  return ctx;
}

/** A request from this session, `minutes` from now. */
const later = (session: Session | null, minutes: number) => at(session, new Date(Date.now() + minutes * MINUTE));

/** Who owns each of these orders, and through which claim. */
async function owners(ids: string[]) {
  const rows = await db.order.findMany({
    where: { id: { in: ids } },
    select: { id: true, userId: true, claimId: true, claimedAt: true },
  });
  return Object.fromEntries(rows.map(({ id, ...rest }) => [id, rest]));
}

const unowned = { userId: null, claimId: null, claimedAt: null };
const allUnowned = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, unowned]));

const sorted = (ids: string[]) => [...ids].sort();

test("asking for the link attaches nothing: it sends one message with one link to the member's own e-mail", async () => {
  const me = await member();
  const orders = [await guestOrder(me.email), await guestOrder(me.email)];
  const ctx = testContext(me);

  const sent = await requestOrderClaim(ctx);

  assert.equal(sent.sentTo, me.email);
  assert.equal(
    sent.expiresAt,
    new Date(ctx.now.getTime() + 30 * MINUTE).toISOString(),
    "the link works for 30 minutes",
  );
  const mail = await mailTo(me.email);
  assert.equal(mail.length, 1, "one message to the member's address");
  assert.equal(nth(mail).userId, me.userId, "shown to the account that asked");
  assert.equal(nth(mail).links.length, 1, "with one link");
  assert.match(nth(nth(mail).links), new RegExp(`^${ORIGIN}/account/claim/[\\w-]{43}$`));
  assert.ok(nth(mail).text.includes(nth(nth(mail).links)), "the text carries the link too");
  assert.deepEqual(await owners(orders), allUnowned(orders), "the guest orders stay unowned");
  assert.deepEqual(await listOrders(me), [], "the member sees none of them yet");
  assert.deepEqual(await claimHistory(me.userId), []);
});

test("following the link attaches every unowned guest order placed with that e-mail, and only those", async () => {
  const me = await member();
  const someoneElse = await member();
  const mine = [await guestOrder(me.email), await guestOrder(`  ${me.email.toUpperCase()} `)];
  const otherEmail = await guestOrder(uniqueEmail("stranger"));
  const alreadyOwned = await guestOrder(me.email);
  await db.order.update({ where: { id: alreadyOwned }, data: { userId: someoneElse.userId } });
  const token = await askForLink(me);
  const ctx = later(me, 5);

  assert.deepEqual(await claimOrders(ctx, token), { status: "claimed", orders: 2 });

  const claim = await db.orderClaim.findFirstOrThrow({ where: { userId: me.userId } });
  assert.deepEqual(await owners([...mine, otherEmail, alreadyOwned]), {
    [nth(mine)]: { userId: me.userId, claimId: claim.id, claimedAt: ctx.now },
    [nth(mine, 1)]: { userId: me.userId, claimId: claim.id, claimedAt: ctx.now },
    [otherEmail]: unowned,
    [alreadyOwned]: { userId: someoneElse.userId, claimId: null, claimedAt: null },
  });
  assert.deepEqual(
    sorted((await listOrders(me)).map((o) => o.id)),
    sorted(mine),
    "the member now sees exactly those orders",
  );
  assert.deepEqual(
    (await listOrders(someoneElse)).map((o) => o.id),
    [alreadyOwned],
    "the other account keeps its order",
  );
  const history = await claimHistory(me.userId);
  assert.equal(history.length, 1);
  assert.deepEqual(nth(history).usedAt, ctx.now);
  assert.deepEqual(sorted(nth(history).orders), sorted(mine));
});

test("the link works once: a second use is 'used' and attaches nothing more", async () => {
  const me = await member();
  const first = await guestOrder(me.email);
  const token = await askForLink(me);
  assert.deepEqual(await claimOrders(testContext(me), token), { status: "claimed", orders: 1 });
  const placedAfter = await guestOrder(me.email);

  assert.deepEqual(await claimOrders(later(me, 1), token), { status: "used" });

  assert.deepEqual(
    await owners([placedAfter]),
    allUnowned([placedAfter]),
    "the later order is not attached by the used link",
  );
  const history = await claimHistory(me.userId);
  assert.deepEqual(
    history.map((c) => c.orders),
    [[first]],
    "one claim, with the first order only",
  );
});

test("two clicks on the same link at once attach the orders once: exactly one is 'claimed'", async () => {
  const me = await member();
  const orders = [await guestOrder(me.email), await guestOrder(me.email)];
  const token = await askForLink(me);

  const results = await Promise.all([claimOrders(testContext(me), token), claimOrders(testContext(me), token)]);

  assert.deepEqual(
    sorted(results.map((r) => JSON.stringify(r))),
    sorted([JSON.stringify({ status: "claimed", orders: 2 }), JSON.stringify({ status: "used" })]),
  );
  const claims = await db.orderClaim.findMany({ where: { userId: me.userId } });
  assert.deepEqual(
    claims.map((c) => c.orders),
    [2],
    "the claim records two orders, not four",
  );
  const after = await owners(orders);
  assert.ok(orders.every((id) => after[id]?.userId === me.userId && after[id]?.claimId === nth(claims).id));
  assert.deepEqual(
    (await claimHistory(me.userId)).map((c) => sorted(c.orders)),
    [sorted(orders)],
  );
});

test("another account's, an unknown and an expired token attach nothing; the link still works for its owner in time", async () => {
  const me = await member();
  const intruder = await member();
  const orders = [await guestOrder(me.email), await guestOrder(me.email)];
  const expiresAt = new Date((await requestOrderClaim(testContext(me))).expiresAt);
  const token = await tokenSentTo(me.email);

  assert.deepEqual(await claimOrders(testContext(intruder), token), { status: "other_account" });
  assert.deepEqual(await owners(orders), allUnowned(orders), "nothing moves to the other account");
  assert.deepEqual(await listOrders(intruder), []);

  assert.deepEqual(await claimOrders(testContext(me), "not-a-token-we-sent"), { status: "unknown" });
  assert.deepEqual(await claimOrders(testContext(me), token.slice(0, -1) + (token.endsWith("A") ? "B" : "A")), {
    status: "unknown",
  });
  assert.deepEqual(await owners(orders), allUnowned(orders));

  assert.deepEqual(
    await claimOrders(at(me, new Date(expiresAt.getTime() + 1)), token),
    { status: "expired" },
    "just past 30 minutes",
  );
  assert.deepEqual(await claimOrders(later(me, 90), token), { status: "expired" });
  assert.deepEqual(await owners(orders), allUnowned(orders));
  assert.deepEqual(await claimHistory(me.userId), [], "no claim was used");

  const inTime = at(me, new Date(expiresAt.getTime() - MINUTE));
  assert.deepEqual(
    await claimOrders(inTime, token),
    { status: "claimed", orders: 2 },
    "the owner can still use it in time",
  );
  const after = await owners(orders);
  assert.ok(
    orders.every((id) => after[id]?.userId === me.userId),
    "both orders are the owner's",
  );
});

test("a guest or a visitor without a session is refused with 403 forbidden, and nothing is sent or attached", async () => {
  const me = await member();
  const order = await guestOrder(me.email);
  const token = await askForLink(me);
  const shopper = await guest();
  const outboxBefore = await db.outboxMessage.count();

  for (const session of [shopper, null]) {
    await assert.rejects(requestOrderClaim(testContext(session)), refused("forbidden"));
    await assert.rejects(previewOrderClaim(session, token), refused("forbidden"));
    await assert.rejects(claimOrders(testContext(session), token), refused("forbidden"));
  }

  assert.equal(await db.outboxMessage.count(), outboxBefore, "no message was sent");
  assert.deepEqual(await owners([order]), allUnowned([order]));
  assert.deepEqual(
    await claimOrders(testContext(me), token),
    { status: "claimed", orders: 1 },
    "the member's link was not spent",
  );
});

test("the preview lists the unowned orders for the e-mail and changes nothing: the link stays usable", async () => {
  const me = await member();
  const someoneElse = await member();
  const mine = [await guestOrder(me.email), await guestOrder(me.email)];
  const otherEmail = await guestOrder(uniqueEmail("stranger"));
  const alreadyOwned = await guestOrder(me.email);
  await db.order.update({ where: { id: alreadyOwned }, data: { userId: someoneElse.userId } });
  const token = await askForLink(me);

  const preview = await previewOrderClaim(me, token);

  assert.ok(preview.status === "ready", `ready, not ${preview.status}`);
  assert.equal(preview.email, me.email);
  assert.deepEqual(sorted(preview.orders.map((o) => o.id)), sorted(mine));
  for (const o of preview.orders) assert.deepEqual([o.totalAmount, o.currency], [1500, "USD"]);
  assert.deepEqual(await owners(mine), allUnowned(mine), "previewing attaches nothing");
  assert.equal(
    (await db.orderClaim.findFirstOrThrow({ where: { userId: me.userId } })).usedAt,
    null,
    "previewing does not use the link",
  );
  assert.deepEqual(await previewOrderClaim(someoneElse, token), { status: "other_account" });
  assert.deepEqual(await previewOrderClaim(me, token, new Date(Date.now() + 31 * MINUTE)), { status: "expired" });

  assert.deepEqual(await claimOrders(testContext(me), token), { status: "claimed", orders: 2 });
  assert.deepEqual(await previewOrderClaim(me, token), { status: "used" });
  assert.deepEqual(await owners([otherEmail]), allUnowned([otherEmail]));
});

test("a fourth link asked for within a minute is 429 rate_limited and sends nothing; other accounts still get theirs", async (t) => {
  // Hold the clock still, so the four requests fall in one window of the limit.
  t.mock.timers.enable({ apis: ["Date"], now: Date.now() });
  const me = await member();
  const someoneElse = await member();

  for (let i = 0; i < 3; i++) assert.equal((await requestOrderClaim(testContext(me))).sentTo, me.email);
  await assert.rejects(
    requestOrderClaim(testContext(me)),
    (e: unknown) => refused("rate_limited")(e) && (e as DomainError).details.retryAfter !== undefined,
  );

  assert.equal((await mailTo(me.email)).length, 3, "three messages, not four");
  assert.equal(await db.orderClaim.count({ where: { userId: me.userId } }), 3);
  assert.equal(
    (await requestOrderClaim(testContext(someoneElse))).sentTo,
    someoneElse.email,
    "the limit is per account",
  );

  t.mock.timers.tick(MINUTE);
  assert.equal(
    (await requestOrderClaim(testContext(me))).sentTo,
    me.email,
    "the next minute, a link can be asked for again",
  );
});
