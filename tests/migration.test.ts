// Guest → account migration against a real database (SQLite, or PostgreSQL under test:postgres).
import { testEngine } from "./helpers/test-db";
import { account, guestWithSeal } from "./helpers/fixtures";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { addItem, readCart } from "../lib/cart/cart";
import { db } from "../lib/db/client";
import { migrateGuestSession } from "../lib/cart/migration";
import { createUserSession, revokeSession } from "../lib/session/lifecycle";
import { resolveSession } from "../lib/session/check";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";

before(async () => {
  await seedIfEmpty();
});

async function guestWith(lines: [string, number][], preferences = "{}") {
  const { session, seal } = await guestWithSeal(lines, preferences);
  return { id: session.id, seal };
}

async function accountCart(userId: string, lines: [string, number][]) {
  for (const [slug, quantity] of lines) await addItem({ userId }, { slug, quantity });
}

// Sorted by slug: the tests are about what ends where, not about order.
const sorted = (pairs: [string, number][]) => pairs.sort(([a], [b]) => a.localeCompare(b));
const cartPairs = async (owner: { userId: string } | { guestSessionId: string }) =>
  sorted((await readCart(owner, "USD")).items.map((i) => [i.slug, i.quantity]));
const savedPairs = async (userId: string) =>
  sorted(
    (await db.savedItem.findMany({ where: { userId }, include: { product: true } })).map((s) => [
      s.product.slug,
      s.quantity,
    ]),
  );

test("sign-up: the new account takes the guest cart whole, with preferences and variant; the guest is converted", async () => {
  const guest = await guestWith(
    [
      ["morning-blend", 2],
      ["brass-pen", 1],
    ],
    '{"currency":"EUR"}',
  );
  const u = await account();
  const summary = await migrateGuestSession({ guestSessionId: guest.id, userId: u.id, kind: "signup" });
  assert.deepEqual(summary, {
    fromSessionId: guest.id,
    cartChoice: "combine",
    cartItems: 2,
    savedForLater: 0,
    preferences: true,
    events: 0,
    orders: 0,
  });
  assert.deepEqual(await cartPairs({ userId: u.id }), [
    ["brass-pen", 1],
    ["morning-blend", 2],
  ]);
  assert.deepEqual(await cartPairs({ guestSessionId: guest.id }), []);
  const row = await db.guestSession.findUniqueOrThrow({ where: { id: guest.id } });
  assert.equal(row.status, "converted");
  assert.equal(row.convertedUserId, u.id);
  const after = await db.user.findUniqueOrThrow({ where: { id: u.id } });
  assert.deepEqual(JSON.parse(after.preferences), { currency: "EUR" });
  assert.equal(after.variant, row.variant);
  assert.deepEqual(
    await resolveSession(guest.seal),
    { session: null, stale: true, ended: { type: "anonymous", reason: "converted", idle: false } },
    "the guest cookie never works again",
  );
});

test("log-in, combine: quantities add up (capped at stock), both sides kept", async () => {
  const u = await account();
  await accountCart(u.id, [
    ["desk-planner", 2],
    ["soy-candle", 1],
  ]); // planner stock 3
  const guest = await guestWith([
    ["desk-planner", 2],
    ["linen-apron", 1],
  ]);
  const s = await migrateGuestSession({ guestSessionId: guest.id, userId: u.id, kind: "login", cartChoice: "combine" });
  assert.equal(s?.cartItems, 2);
  assert.deepEqual(await cartPairs({ userId: u.id }), [
    ["desk-planner", 3],
    ["linen-apron", 1],
    ["soy-candle", 1],
  ]);
  assert.deepEqual(await savedPairs(u.id), []);
});

test("log-in, keep_account: guest items go to saved for later", async () => {
  const u = await account();
  await accountCart(u.id, [["soy-candle", 1]]);
  const guest = await guestWith([["brass-pen", 2]]);
  const s = await migrateGuestSession({
    guestSessionId: guest.id,
    userId: u.id,
    kind: "login",
    cartChoice: "keep_account",
  });
  assert.deepEqual([s?.cartItems, s?.savedForLater, s?.cartChoice], [0, 1, "keep_account"]);
  assert.deepEqual(await cartPairs({ userId: u.id }), [["soy-candle", 1]]);
  assert.deepEqual(await savedPairs(u.id), [["brass-pen", 2]]);
  assert.deepEqual(await cartPairs({ guestSessionId: guest.id }), [], "the guest cart is emptied");
});

test("log-in, use_guest: the account's old items go to saved for later", async () => {
  const u = await account();
  await accountCart(u.id, [
    ["soy-candle", 1],
    ["washi-tape-set", 3],
  ]);
  const guest = await guestWith([["brass-pen", 2]]);
  const s = await migrateGuestSession({
    guestSessionId: guest.id,
    userId: u.id,
    kind: "login",
    cartChoice: "use_guest",
  });
  assert.deepEqual([s?.cartItems, s?.savedForLater], [1, 2]);
  assert.deepEqual(await cartPairs({ userId: u.id }), [["brass-pen", 2]]);
  assert.deepEqual(await savedPairs(u.id), [
    ["soy-candle", 1],
    ["washi-tape-set", 3],
  ]);
});

test("log-in preferences: the account's saved values win; the guest's fill gaps; the account keeps its variant", async () => {
  const u = await account({ preferences: '{"currency":"GBP"}', variant: "B" });
  const guest = await guestWith([], '{"currency":"JPY"}');
  await db.guestSession.update({ where: { id: guest.id }, data: { variant: "A" } });
  await migrateGuestSession({ guestSessionId: guest.id, userId: u.id, kind: "login" });
  const after = await db.user.findUniqueOrThrow({ where: { id: u.id } });
  assert.deepEqual(JSON.parse(after.preferences), { currency: "GBP" });
  assert.equal(after.variant, "B");
  const v = await account();
  const g2 = await guestWith([], '{"currency":"JPY"}');
  await migrateGuestSession({ guestSessionId: g2.id, userId: v.id, kind: "login" });
  assert.deepEqual(JSON.parse((await db.user.findUniqueOrThrow({ where: { id: v.id } })).preferences), {
    currency: "JPY",
  });
});

test("two concurrent log-ins migrate once: same summary, one row, quantities not doubled", async () => {
  const u = await account();
  await accountCart(u.id, [["morning-blend", 1]]);
  const guest = await guestWith([["morning-blend", 2]]);
  const [a, b] = await Promise.all([
    migrateGuestSession({ guestSessionId: guest.id, userId: u.id, kind: "login" }),
    migrateGuestSession({ guestSessionId: guest.id, userId: u.id, kind: "login" }),
  ]);
  assert.deepEqual(a, b);
  assert.equal(await db.migration.count({ where: { guestSessionId: guest.id } }), 1);
  assert.deepEqual(await cartPairs({ userId: u.id }), [["morning-blend", 3]]);
  // And a later double submit still returns the same, without moving anything again.
  assert.deepEqual(await migrateGuestSession({ guestSessionId: guest.id, userId: u.id, kind: "login" }), a);
  assert.deepEqual(await cartPairs({ userId: u.id }), [["morning-blend", 3]]);
});

test("a guest converted into one account migrates nothing into another", async () => {
  const guest = await guestWith([["brass-pen", 1]]);
  const [u, v] = [await account(), await account()];
  await migrateGuestSession({ guestSessionId: guest.id, userId: u.id, kind: "login" });
  assert.equal(await migrateGuestSession({ guestSessionId: guest.id, userId: v.id, kind: "login" }), null);
  assert.deepEqual(await cartPairs({ userId: v.id }), []);
});

test("an expired guest session migrates nothing", async () => {
  const guest = await guestWith([["brass-pen", 1]]);
  await db.guestSession.update({ where: { id: guest.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const u = await account();
  assert.equal(await migrateGuestSession({ guestSessionId: guest.id, userId: u.id, kind: "signup" }), null);
  assert.deepEqual(await cartPairs({ userId: u.id }), []);
  assert.equal((await db.guestSession.findUniqueOrThrow({ where: { id: guest.id } })).status, "expired");
});

test("migration is atomic: a failure at its last step leaves guest and account exactly as they were", async () => {
  const u = await account({ preferences: '{"currency":"GBP"}' });
  await accountCart(u.id, [["soy-candle", 1]]);
  const guest = await guestWith(
    [
      ["brass-pen", 2],
      ["soy-candle", 1],
    ],
    '{"currency":"EUR"}',
  );
  // Make the final write (the migration record) fail inside the transaction.
  const trigger =
    testEngine === "sqlite"
      ? [
          [
            `CREATE TRIGGER fail_migration BEFORE INSERT ON "Migration" BEGIN SELECT RAISE(ABORT, 'forced failure'); END`,
          ],
          [`DROP TRIGGER fail_migration`],
        ]
      : [
          [
            `CREATE FUNCTION fail_migration() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$ LANGUAGE plpgsql`,
            `CREATE TRIGGER fail_migration BEFORE INSERT ON "Migration" FOR EACH ROW EXECUTE FUNCTION fail_migration()`,
          ],
          [`DROP TRIGGER fail_migration ON "Migration"`, `DROP FUNCTION fail_migration()`],
        ];
  for (const sql of nth(trigger, 0)) await db.$executeRawUnsafe(sql);
  try {
    await assert.rejects(
      migrateGuestSession({ guestSessionId: guest.id, userId: u.id, kind: "login", cartChoice: "use_guest" }),
      (e: unknown) =>
        /forced failure/.test(`${(e as Error).message} ${JSON.stringify((e as { meta?: unknown }).meta)}`),
    );
  } finally {
    for (const sql of nth(trigger, 1)) await db.$executeRawUnsafe(sql);
  }
  const row = await db.guestSession.findUniqueOrThrow({ where: { id: guest.id } });
  assert.equal(row.status, "active");
  assert.equal(row.convertedUserId, null);
  assert.deepEqual(await cartPairs({ guestSessionId: guest.id }), [
    ["brass-pen", 2],
    ["soy-candle", 1],
  ]);
  assert.deepEqual(await cartPairs({ userId: u.id }), [["soy-candle", 1]]);
  assert.deepEqual(await savedPairs(u.id), []);
  assert.equal((await db.user.findUniqueOrThrow({ where: { id: u.id } })).preferences, '{"currency":"GBP"}');
  assert.ok((await resolveSession(guest.seal)).session, "the guest session still works");
  // And once the fault is gone, the same migration goes through.
  const s = await migrateGuestSession({
    guestSessionId: guest.id,
    userId: u.id,
    kind: "login",
    cartChoice: "use_guest",
  });
  assert.equal(s?.savedForLater, 1);
});

test("a signed-in session has its own id and TTL, and a logged-out cookie is refused", async () => {
  const u = await account();
  const { id, seal, expiresAt } = await createUserSession(u.id, null);
  assert.match(id, /^auth_/);
  assert.ok(Math.abs(expiresAt.getTime() - Date.now() - 7 * 86_400_000) < 5_000);
  const { session } = await resolveSession(seal);
  assert.equal(session?.type, "authenticated");
  assert.ok(session?.permissions.includes("checkout"));
  await revokeSession(session!);
  assert.deepEqual(await resolveSession(seal), {
    session: null,
    stale: true,
    ended: { type: "authenticated", reason: "ended", idle: false },
  });
});
