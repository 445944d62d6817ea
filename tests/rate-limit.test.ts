import "./helpers/test-db";
import { refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import { test } from "node:test";
import { DomainError } from "../lib/errors";
import { hit, hitAll, hitAllThen, hitsThisWindow, pruneRateLimits } from "../lib/limits/rate-limit";
import { countHits } from "../lib/limits/store";
import { db } from "../lib/db/client";

const minute = (n: number) => Date.UTC(2026, 10, 25, 12, n, 0);

test("the limit allows N hits per minute, then answers 429 with Retry-After", async () => {
  const t = minute(0) + 15_000;
  for (let i = 0; i < 3; i++) await hit("cart_writes", "session-a", 3, t);
  await assert.rejects(hit("cart_writes", "session-a", 3, t), refused("rate_limited", { status: 429, retryAfter: 45 }));
});

test("subjects and limits are counted apart", async () => {
  const t = minute(1);
  for (let i = 0; i < 2; i++) await hit("sessions", "10.0.0.1", 2, t);
  await hit("sessions", "10.0.0.2", 2, t);
  await hit("logins", "10.0.0.1", 2, t);
  await assert.rejects(hit("sessions", "10.0.0.1", 2, t), refused("rate_limited"));
});

test("a new minute starts a new window", async () => {
  for (let i = 0; i < 2; i++) await hit("signups", "1.2.3.4", 2, minute(2));
  await assert.rejects(hit("signups", "1.2.3.4", 2, minute(2) + 59_000), refused("rate_limited"));
  await hit("signups", "1.2.3.4", 2, minute(3));
});

test("an hourly ceiling beside the per-minute limit: refused past it in any minute of the hour, with Retry-After to the hour's end, and pruned only after the hour", async () => {
  const hourStart = Date.UTC(2026, 10, 25, 10, 0, 0); // before the other tests' minutes: the prune test deletes it all
  const limits = (t: number) =>
    hitAll(
      [
        { limit: "sessions", subject: "10.7.7.7", max: 2 },
        { limit: "hour.sessions", subject: "10.7.7.7", max: 4 },
      ],
      t,
    );
  await limits(hourStart + 1_000);
  await limits(hourStart + 2_000);
  // The minute is full; the refused attempt still counts against the hour (as every refused hit does).
  await assert.rejects(limits(hourStart + 3_000), refused("rate_limited", { retryAfter: 57 }), "the minute is full");
  await limits(hourStart + 61_000); // a new minute: the hour's fourth
  await assert.rejects(
    limits(hourStart + 125_000),
    refused("rate_limited", { status: 429, message: /this hour/, retryAfter: 3_600 - 125 }),
  );
  assert.equal(await hitsThisWindow("hour.sessions", "10.7.7.7", hourStart + 30 * 60_000), 4);
  await pruneRateLimits(hourStart + 30 * 60_000);
  assert.equal(
    await hitsThisWindow("hour.sessions", "10.7.7.7", hourStart + 30 * 60_000),
    4,
    "kept while its hour runs",
  );
  assert.equal(await hitsThisWindow("sessions", "10.7.7.7", hourStart + 61_000), 0, "the minute's window is gone");
  await limits(hourStart + 3_600_000); // the next hour
});

test("several limits count in one statement; the full one is named, and a new cookie buys nothing", async () => {
  const t = minute(5);
  const address = { limit: "cart_writes_ip", subject: "10.9.9.9", max: 3 } as const;
  const session = (id: string) => ({ limit: "cart_writes", subject: id, max: 2 }) as const;
  await hitAll([address, session("s1")], t);
  await hitAll([address, session("s1")], t);
  await assert.rejects(hitAll([address, session("s1")], t), refused("rate_limited", { message: /cart very quickly/ }));
  assert.equal(await hitsThisWindow("cart_writes_ip", "10.9.9.9", t), 3, "the address counted the refused write");
  // A fresh session from the same address: its own window is empty, the address's is full.
  await assert.rejects(hitAll([address, session("s2")], t), refused("rate_limited", { message: /from your network/ }));
  assert.equal(await hitsThisWindow("cart_writes", "s2", t), 1);
  await hitAll([{ ...address, subject: "10.9.9.10" }, session("s3")], t);
});

test("a write counted with its hits: one transaction, where a refusal undoes the write but not the hits", async () => {
  const t = minute(6);
  const limit = { limit: "cart_writes", subject: "writer", max: 2 } as const;
  // The "write" counts a hit of another subject, so what it wrote can be read back.
  const write = (fail?: Error) => async (tx: import("../lib/db/sql").Sql) => {
    await countHits(tx, [{ key: "written", cap: 100, windowStart: new Date(t - (t % 60_000)) }]);
    if (fail) throw fail;
    return "done";
  };
  const written = async () => (await db.rateLimitWindow.findUnique({ where: { key: "written" } }))?.count ?? 0;

  assert.equal(await hitAllThen([limit], write(), t), "done");
  assert.equal(await hitsThisWindow("cart_writes", "writer", t), 1);
  assert.equal(await written(), 1);

  // Refused by the write (the stock, the cap): its write is undone, the hit stays counted.
  await assert.rejects(hitAllThen([limit], write(new DomainError("out_of_stock", "Only 1 left.")), t), /Only 1 left/);
  assert.equal(await hitsThisWindow("cart_writes", "writer", t), 2);
  assert.equal(await written(), 1);

  // Refused by the limit: the write never runs.
  await assert.rejects(hitAllThen([limit], write(), t), refused("rate_limited"));
  assert.equal(await written(), 1);

  // Any other failure writes nothing at all.
  const other = { ...limit, subject: "writer-2" };
  await assert.rejects(hitAllThen([other], write(new Error("disk on fire")), t), /disk on fire/);
  assert.equal(await hitsThisWindow("cart_writes", "writer-2", t), 0);
  assert.equal(await written(), 1);
});

test("keys hold a keyed hash, never the raw subject, and old windows are pruned", async () => {
  await hit("logins", "shopper@example.com", 5, minute(4));
  const keys = (await db.rateLimitWindow.findMany()).map((w) => w.key);
  assert.ok(keys.every((k) => !k.includes("example.com") && !k.includes("10.0.0")));
  const pruned = await pruneRateLimits(minute(10));
  assert.ok(pruned >= 8);
  assert.equal(await db.rateLimitWindow.count(), 0);
});
