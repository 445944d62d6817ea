import "./helpers/test-db";
import assert from "node:assert/strict";
import { test } from "node:test";
import { DomainError } from "../lib/errors";
import { hit, hitAll, hitAllThen, hitsThisWindow, pruneRateLimits } from "../lib/limits/rate-limit";
import { countHits } from "../lib/db/hot-writes";
import { db } from "../lib/db/client";

const minute = (n: number) => Date.UTC(2026, 10, 25, 12, n, 0);

test("the limit allows N hits per minute, then answers 429 with Retry-After", async () => {
  const t = minute(0) + 15_000;
  for (let i = 0; i < 3; i++) await hit("cart_writes", "session-a", 3, t);
  await assert.rejects(hit("cart_writes", "session-a", 3, t), (e: unknown) =>
    e instanceof DomainError && e.status === 429 && e.code === "rate_limited" && e.details.retryAfter === 45,
  );
});

test("subjects and limits are counted apart", async () => {
  const t = minute(1);
  for (let i = 0; i < 2; i++) await hit("sessions", "10.0.0.1", 2, t);
  await hit("sessions", "10.0.0.2", 2, t);
  await hit("logins", "10.0.0.1", 2, t);
  await assert.rejects(hit("sessions", "10.0.0.1", 2, t), DomainError);
});

test("a new minute starts a new window", async () => {
  for (let i = 0; i < 2; i++) await hit("signups", "1.2.3.4", 2, minute(2));
  await assert.rejects(hit("signups", "1.2.3.4", 2, minute(2) + 59_000), DomainError);
  await hit("signups", "1.2.3.4", 2, minute(3));
});

test("several limits count in one statement; the full one is named, and a new cookie buys nothing", async () => {
  const t = minute(5);
  const address = { limit: "cart_writes_ip", subject: "10.9.9.9", perMinute: 3 } as const;
  const session = (id: string) => ({ limit: "cart_writes", subject: id, perMinute: 2 }) as const;
  await hitAll([address, session("s1")], t);
  await hitAll([address, session("s1")], t);
  await assert.rejects(hitAll([address, session("s1")], t), (e: unknown) => e instanceof DomainError && /cart very quickly/.test(e.message));
  assert.equal(await hitsThisWindow("cart_writes_ip", "10.9.9.9", t), 3, "the address counted the refused write");
  // A fresh session from the same address: its own window is empty, the address's is full.
  await assert.rejects(hitAll([address, session("s2")], t), (e: unknown) => e instanceof DomainError && /from your network/.test(e.message));
  assert.equal(await hitsThisWindow("cart_writes", "s2", t), 1);
  await hitAll([{ ...address, subject: "10.9.9.10" }, session("s3")], t);
});

test("a write counted with its hits: one transaction, where a refusal undoes the write but not the hits", async () => {
  const t = minute(6);
  const limit = { limit: "cart_writes", subject: "writer", perMinute: 2 } as const;
  // The "write" counts a hit of another subject, so what it wrote can be read back.
  const write = (fail?: Error) => async (tx: import("../lib/db/sql").Sql) => {
    await countHits(tx, [{ key: "written", cap: 100 }], new Date(t - (t % 60_000)));
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
  await assert.rejects(hitAllThen([limit], write(), t), (e: unknown) => e instanceof DomainError && e.code === "rate_limited");
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
