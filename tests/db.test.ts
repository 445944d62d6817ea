// The shared connection: a transaction that rolls back takes nothing of anybody else's with it,
// and Prisma's queries and the hot writes (lib/db/sql.ts) take turns without waiting forever.
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
  const declined = assert.rejects(failing, /declined/); // handled now: the write below may outlast it
  await pause(20);
  await hit("cart_writes", "another-shopper", 100); // another request's write, meanwhile (raw SQL)
  await declined;
  assert.equal(await db.rateLimitWindow.count(), 1, "the other request's write was rolled back");
});

test("single queries, transactions and hot writes take turns: all of them finish", async () => {
  const results = await Promise.all([
    ...Array.from({ length: 5 }, () =>
      db.$transaction(async (tx) => {
        await pause(5);
        return tx.guestSession.count();
      }),
    ),
    ...Array.from({ length: 20 }, () => db.$queryRaw`SELECT 1 AS one`),
    ...Array.from({ length: 20 }, (_, i) => hit("cart_writes", `turns-${i % 4}`, 100)), // hot writes (lib/limits/store.ts)
  ]);
  assert.equal(results.length, 45);
  const windows = await db.rateLimitWindow.findMany({ where: { key: { startsWith: "cart_writes:" } } });
  assert.equal(
    windows.reduce((sum, w) => sum + w.count, 0),
    21,
    "every hot write counted once (20, and the first test's one)",
  );
});

test("reads see a hot write once it commits, and never when it rolls back, even while it is open", async () => {
  const { hot, hotWrite } = await import("../lib/db/sql");
  const seen = async (key: string) =>
    Number(
      (await hot().get<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "RateLimitWindow" WHERE "key" = ?`, key))!
        .n,
    );
  /** A hot write that inserts `key`, then waits for `finish` before it commits or throws. */
  const openWrite = (key: string, fail: boolean) => {
    let written!: () => void;
    let finish!: () => void;
    const inserted = new Promise<void>((resolve) => (written = resolve));
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const done = hotWrite(async (tx) => {
      await tx.run(`INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (?, ?, 1)`, key, new Date());
      written();
      await finished;
      if (fail) throw new Error("declined");
    });
    return { inserted, finish, done };
  };

  const kept = openWrite("seen:kept", false);
  await kept.inserted;
  assert.equal(await seen("seen:kept"), 0, "not committed yet: a read does not see it");
  kept.finish();
  await kept.done;
  assert.equal(await seen("seen:kept"), 1, "committed: the next read sees it");

  const undone = openWrite("seen:undone", true);
  await undone.inserted;
  assert.equal(await seen("seen:undone"), 0, "not committed yet: a read does not see it");
  undone.finish();
  await assert.rejects(undone.done, /declined/);
  assert.equal(await seen("seen:undone"), 0, "rolled back: never seen");
});
