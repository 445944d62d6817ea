// The shared connection: a transaction that rolls back takes nothing of anybody else's with it,
// and Prisma's queries and the hot writes (lib/db/hot-writes.ts) take turns without waiting forever.
import "./helpers/test-db";
import assert from "node:assert/strict";
import { test } from "node:test";
import { db } from "../lib/db/client";
import { hit } from "../lib/limits/rate-limit";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("a write made while another request's transaction awaits survives that transaction's rollback", async () => {
  await db.guestSession.count(); // warm: the first query loads the query compiler
  const failing = db.$transaction(async (tx) => {
    await tx.guestSession.count();
    await pause(50); // awaiting, as a checkout does between its queries
    throw new Error("declined");
  });
  await pause(20);
  await hit("cart_writes", "another-shopper", 100); // another request's write, meanwhile (raw SQL)
  await assert.rejects(failing, /declined/);
  assert.equal(await db.rateLimitWindow.count(), 1, "the other request's write was rolled back");
});

test("single queries, transactions and hot writes take turns: all of them finish", async () => {
  const results = await Promise.all([
    ...Array.from({ length: 5 }, () => db.$transaction(async (tx) => { await pause(5); return tx.guestSession.count(); })),
    ...Array.from({ length: 20 }, () => db.$queryRaw`SELECT 1 AS one`),
    ...Array.from({ length: 20 }, (_, i) => hit("cart_writes", `turns-${i % 4}`, 100)), // hot writes (lib/db/hot-writes.ts)
  ]);
  assert.equal(results.length, 45);
  const windows = await db.rateLimitWindow.findMany({ where: { key: { startsWith: "cart_writes:" } } });
  assert.equal(windows.reduce((sum, w) => sum + w.count, 0), 21, "every hot write counted once (20, and the first test's one)");
});
