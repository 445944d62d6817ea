// The shared connection: a transaction that rolls back takes nothing of anybody else's with it.
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

test("single queries and transactions take turns: all of them finish", async () => {
  const results = await Promise.all([
    ...Array.from({ length: 5 }, () => db.$transaction(async (tx) => { await pause(5); return tx.guestSession.count(); })),
    ...Array.from({ length: 20 }, () => db.$queryRaw`SELECT 1 AS one`),
  ]);
  assert.equal(results.length, 25);
});
