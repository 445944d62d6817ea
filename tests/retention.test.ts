// The dashboard's totals (lib/journeys/tallies.ts) and retention (lib/sweep/sweep.ts), on a real
// database: the triggers keep every total equal to a count of the rows, and deleting old guest
// sessions changes no figure on the dashboard.
import { testEngine } from "./helpers/test-db";
import { guest, member } from "./helpers/fixtures";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { placeOrder } from "../lib/checkout/checkout";
import { captureLead } from "../lib/cart/leads";
import { migrateGuestSession } from "../lib/cart/migration";
import { db } from "../lib/db/client";
import { hot } from "../lib/db/sql";
import { analytics } from "../lib/admin/analytics";
import { flushEvents, recordEvent } from "../lib/journeys/events";
import { recordExposure } from "../lib/journeys/exposure";
import { FUNNEL_STAGES, foldTallies, readTallies, recountTallies, stageProbeSql } from "../lib/journeys/tallies";
import { revokeSession } from "../lib/session/lifecycle";
import { type Session } from "../lib/session/types";
import { retireOldGuestSessions, sweepGuestSessions } from "../lib/sweep/sweep";
import { seedIfEmpty } from "../prisma/seed";

const DAY = 86_400_000;
let admin: Session;
before(async () => {
  await seedIfEmpty();
  admin = await member({ isAdmin: true });
});

const checkout = {
  email: "buyer@example.com",
  name: "Ada Lovelace",
  address: { line1: "1 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" },
  card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" },
};

/** A shop's worth of journeys, through the shop's own code: browsing, leads, an order, a sign-up, an ending. */
async function journeys() {
  const browsing = await guest([["morning-blend", 1]]);
  await recordExposure(browsing);
  await captureLead(browsing, { email: "lead@example.com" }, "http://localhost:3000");
  const buying = await guest([["brass-pen", 2]]);
  await recordExposure(buying);
  await recordEvent("checkout_started", buying);
  const { order } = await placeOrder(buying, checkout); // moves the guest to a new session id
  const joining = await guest([["morning-blend", 1]]);
  await recordExposure(joining);
  const account = await member();
  const accountId = account.userId;
  await migrateGuestSession({ guestSessionId: joining.id, userId: accountId, kind: "signup" });
  await recordEvent("order_placed", { authState: "authenticated", guestSessionId: joining.id, userId: accountId });
  const leaving = await guest([["brass-pen", 1]]);
  await revokeSession(leaving);
  await flushEvents();
  return { browsing, buying, order, joining, leaving, accountId };
}

test("the triggers keep every total equal to a count of the rows, and folding keeps one row per key", async () => {
  await journeys();
  const tallies = await readTallies();
  assert.deepEqual(tallies, await recountTallies());
  for (const key of [
    "status:active",
    "status:converted",
    "status:revoked",
    "events:anonymous",
    "events:authenticated",
    "funnel:cart",
    "funnel:checkout",
    "funnel:order",
  ]) {
    assert.ok((tallies[key] ?? 0) > 0, `${key} is counted`);
  }
  assert.ok(Object.keys(tallies).some((key) => key.startsWith("exposed:")));
  const rows = Number((await hot().get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "Tally"`))!.n);
  const removed = await foldTallies(7); // a few rows per transaction
  assert.deepEqual(await readTallies(), tallies);
  const keys = await hot().all<{ key: string; n: number }>(`SELECT "key", COUNT(*) AS "n" FROM "Tally" GROUP BY "key"`);
  assert.ok(
    keys.every((k) => Number(k.n) === 1),
    JSON.stringify(keys),
  );
  assert.equal(removed, rows - keys.length);
  assert.equal(await foldTallies(7), 0, "nothing left to fold");
});

test("retention deletes guest sessions that ended over GUEST_RETENTION_DAYS ago, with what hangs off them, and no figure on the dashboard changes", async () => {
  const now = new Date();
  const { browsing, buying, order, joining, leaving, accountId } = await journeys();
  const recent = await guest([["morning-blend", 1]]);
  await revokeSession(recent);
  // Age four of the journeys past the 30 days; the recently ended one and the live ones stay.
  const old = [browsing.id, joining.id, leaving.id];
  const moved = (await db.order.findUniqueOrThrow({ where: { id: order.id } })).guestSessionId!;
  assert.notEqual(moved, buying.id);
  await db.guestSession.updateMany({ where: { id: browsing.id }, data: { status: "expired" } });
  await db.guestSession.updateMany({
    where: { id: { in: [...old, buying.id] } },
    data: {
      createdAt: new Date(now.getTime() - 41 * DAY),
      expiresAt: new Date(now.getTime() - 40 * DAY),
      endedAt: new Date(now.getTime() - 40 * DAY),
    },
  });
  const figures = await analytics(admin, now);
  const eventCount = await db.event.count();

  const result = await sweepGuestSessions(now);
  assert.equal(result.guestSessionsDeleted, 4);
  assert.deepEqual(await analytics(admin, now), figures);
  assert.equal(await db.guestSession.count({ where: { id: { in: [...old, buying.id] } } }), 0);
  assert.ok(await db.guestSession.findUnique({ where: { id: recent.id } }), "ended a day ago: kept");
  assert.ok(await db.guestSession.findUnique({ where: { id: moved } }), "live: kept");
  // What belonged to the guests alone is gone; the records keep going without their id.
  assert.equal(await db.event.count(), eventCount);
  assert.equal(await db.event.count({ where: { guestSessionId: { in: old } } }), 0);
  assert.equal(await db.lead.count({ where: { guestSessionId: browsing.id } }), 0);
  assert.equal(await db.restoreToken.count({ where: { guestSessionId: browsing.id } }), 0);
  assert.equal(await db.outboxMessage.count({ where: { guestSessionId: browsing.id } }), 0);
  assert.equal(await db.cart.count({ where: { guestSessionId: { in: old } } }), 0);
  const migration = await db.migration.findFirstOrThrow({ where: { userId: accountId } });
  assert.deepEqual([migration.kind, migration.guestSessionId], ["signup", null]);
  assert.equal((await db.order.findUniqueOrThrow({ where: { id: order.id } })).guestSessionId, moved);
  // A second sweep finds nothing more to do, and the figures still hold.
  assert.equal((await sweepGuestSessions(now)).guestSessionsDeleted, 0);
  assert.deepEqual(await analytics(admin, now), figures);
});

test("retention stops when its time is up and the next sweep goes on from there", async () => {
  const now = new Date();
  const old = await Promise.all([guest(), guest(), guest()]);
  const longAgo = new Date(now.getTime() - 40 * DAY);
  await db.guestSession.updateMany({
    where: { id: { in: old.map((g) => g.id) } },
    data: { status: "expired", endedAt: longAgo, createdAt: longAgo },
  });
  assert.deepEqual(await retireOldGuestSessions(now, 1, 0), { deleted: 0, left: 3 });
  assert.deepEqual(await retireOldGuestSessions(now, 1), { deleted: 3, left: 0 });
  assert.equal(await db.guestSession.count({ where: { id: { in: old.map((g) => g.id) } } }), 0);
});

test("the question each arriving event asks, whether its journey reached the stage before, is answered from an index", async () => {
  for (const stage of Object.keys(FUNNEL_STAGES) as (keyof typeof FUNNEL_STAGES)[]) {
    const sql = stageProbeSql(stage).replace("?", "'guest_x'");
    if (testEngine === "sqlite") {
      const plan = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`);
      assert.ok(
        plan.every((p) => /USING (COVERING )?INDEX/.test(p.detail)),
        `${sql}\n${plan.map((p) => p.detail).join("\n")}`,
      );
    } else {
      const [, plan] = await db.$transaction([
        db.$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
        db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`),
      ]);
      const text = plan.map((p) => p["QUERY PLAN"]).join("\n");
      assert.ok(!/Seq Scan on "Event"/.test(text), `${sql}\n${text}`);
    }
  }
});

test("an ended guest session that never wrote anything is deleted a day after it ended, one that did is kept, and the dashboard's per-day figures do not change", async () => {
  const now = new Date();
  const [empty, browsed, carted, recent] = await Promise.all([guest(), guest(), guest(), guest()]);
  await recordEvent("page_view", browsed, { path: "/" });
  await recordExposure(browsed);
  await recordEvent("cart_add", carted, { product: "brass-pen", quantity: 1 });
  await flushEvents();
  const ended = (hours: number) => ({
    status: "expired" as const,
    endedAt: new Date(now.getTime() - hours * 3_600_000),
  });
  await db.guestSession.updateMany({ where: { id: { in: [empty.id, browsed.id, carted.id] } }, data: ended(25) });
  await db.guestSession.updateMany({ where: { id: recent.id }, data: ended(23) });
  const figures = await analytics(admin, now);

  const result = await retireOldGuestSessions(now);
  assert.ok(result.deleted >= 2);
  const kept = await db.guestSession.findMany({
    where: { id: { in: [empty.id, browsed.id, carted.id, recent.id] } },
    select: { id: true },
  });
  assert.deepEqual(
    kept.map((g) => g.id).sort(),
    [carted.id, recent.id].sort(),
    "a cart write keeps it for GUEST_RETENTION_DAYS; 23 hours ago is not yet a day",
  );
  assert.deepEqual(await analytics(admin, now), figures, "the retired sessions still count on the day they started");
});

test("page and product views older than VIEW_RETENTION_DAYS are deleted by the sweep; other events and the totals stay", async () => {
  const now = new Date();
  const shopper = await guest();
  for (const name of ["page_view", "product_view", "cart_add"] as const) await recordEvent(name, shopper, {});
  await flushEvents();
  await db.event.updateMany({
    where: { guestSessionId: shopper.id },
    data: { createdAt: new Date(now.getTime() - 15 * DAY) },
  });
  await recordEvent("page_view", shopper, { path: "/recent" });
  await flushEvents();
  const totals = await readTallies();

  const result = await sweepGuestSessions(now);
  assert.ok(result.viewsDeleted >= 2);
  const left = await db.event.findMany({ where: { guestSessionId: shopper.id }, select: { name: true } });
  assert.deepEqual(
    left.map((e) => e.name).sort(),
    ["cart_add", "page_view"],
    "the old cart event and the recent view stay",
  );
  const after = await readTallies();
  assert.deepEqual(
    [after["events:anonymous"], after["funnel:cart"]],
    [totals["events:anonymous"], totals["funnel:cart"]],
  );
});

test("the sweep finds old views by an index, not by reading every event", async () => {
  const sql = `SELECT "id" FROM "Event" WHERE "name" IN ('page_view', 'product_view') AND "createdAt" < '2026-01-01' LIMIT 10`;
  if (testEngine === "sqlite") {
    const plan = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`);
    assert.ok(
      plan.some((p) => /Event_name_createdAt_idx/.test(p.detail)),
      plan.map((p) => p.detail).join("\n"),
    );
  } else {
    const [, plan] = await db.$transaction([
      db.$executeRawUnsafe("SET LOCAL enable_seqscan = off"),
      db.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`),
    ]);
    assert.match(plan.map((p) => p["QUERY PLAN"]).join("\n"), /Event_name_createdAt_idx/);
  }
});
