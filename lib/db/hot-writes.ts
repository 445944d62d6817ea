import crypto from "node:crypto";
import type { Owner } from "../session/session";
import { takeWriteTurn } from "./client";
import { sqliteDate, statement, transaction } from "./sqlite";

// The writes every cart request makes (rate-limit windows, the cart and its lines, new guest
// sessions), as prepared statements on the hot connection (./sqlite.ts) instead of Prisma's
// query pipeline: 3–10 µs a statement instead of 100–800. `hotWrite` runs a group of them as
// one SQLite transaction, synchronously, in its turn with Prisma's connection (takeWriteTurn),
// so a Prisma transaction never waits on it and it never lands inside one. Domain code decides
// what to write and may throw inside `hotWrite` to write nothing.

/** Runs `work` (calls to the functions below) as one transaction, in the database's write turn. */
export async function hotWrite<T>(work: () => T): Promise<T> {
  const release = await takeWriteTurn();
  try {
    return transaction(work);
  } finally {
    release();
  }
}

const newId = () => crypto.randomUUID();

// ---- Rate-limit windows ----

/**
 * Counts one hit for each key in its one-minute window, unless that window is already full
 * (`cap`), and returns the keys that were counted. One statement for all the keys.
 */
export function countHits(hits: { key: string; cap: number }[], windowStart: Date): Set<string> {
  const rows = hits.map(() => "(?, ?, 1)").join(", ");
  const cap = `CASE "key" ${hits.map(() => "WHEN ? THEN ?").join(" ")} END`;
  const window = sqliteDate(windowStart);
  const counted = statement(
    `INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES ${rows}
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN "windowStart" = excluded."windowStart" THEN "count" + 1 ELSE 1 END,
       "windowStart" = excluded."windowStart"
     WHERE NOT ("windowStart" = excluded."windowStart" AND "count" >= ${cap})
     RETURNING "key"`,
  ).all(...hits.flatMap((h) => [h.key, window]), ...hits.flatMap((h) => [h.key, h.cap])) as { key: string }[];
  return new Set(counted.map((row) => row.key));
}

// ---- Carts ----

/** A product as a cart write needs it, by id or by slug. */
export const productForCart = (ref: { productId?: string; slug?: string }) =>
  (ref.productId
    ? statement(`SELECT "id", "name", "stock" FROM "Product" WHERE "id" = ?`).get(ref.productId)
    : statement(`SELECT "id", "name", "stock" FROM "Product" WHERE "slug" = ?`).get(ref.slug)) as
    | { id: string; name: string; stock: number }
    | undefined;

/** The owner's cart id, making the cart when there is none yet. */
export function cartIdOf(owner: Owner, now: Date): string {
  const [column, value] = "guestSessionId" in owner ? ["guestSessionId", owner.guestSessionId] : ["userId", owner.userId];
  const at = sqliteDate(now);
  statement(`INSERT INTO "Cart" ("id", "${column}", "createdAt", "updatedAt") VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`)
    .run(newId(), value, at, at);
  return (statement(`SELECT "id" FROM "Cart" WHERE "${column}" = ?`).get(value) as { id: string }).id;
}

/** How many of the product the cart holds (0 when none). */
export const lineQuantity = (cartId: string, productId: string) =>
  (statement(`SELECT "quantity" FROM "CartItem" WHERE "cartId" = ? AND "productId" = ?`).get(cartId, productId) as
    | { quantity: number }
    | undefined)?.quantity ?? 0;

/** Sets the cart's line for the product to `quantity`, making the line when there is none. */
export function putLine(cartId: string, productId: string, quantity: number, now: Date): void {
  statement(
    `INSERT INTO "CartItem" ("id", "cartId", "productId", "quantity", "addedAt") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("cartId", "productId") DO UPDATE SET "quantity" = excluded."quantity"`,
  ).run(newId(), cartId, productId, quantity, sqliteDate(now));
}

/** Sets an existing line's quantity (by the line's id), or removes it when `quantity` is 0. */
export function setLine(lineId: string, quantity: number): void {
  if (quantity === 0) statement(`DELETE FROM "CartItem" WHERE "id" = ?`).run(lineId);
  else statement(`UPDATE "CartItem" SET "quantity" = ? WHERE "id" = ?`).run(quantity, lineId);
}

// ---- Guest sessions ----

/** A new guest session's row (the defaults: active, no preferences). */
export function insertGuestSession(row: { id: string; logHash: string; createdAt: Date; expiresAt: Date; variant: string }): void {
  statement(
    `INSERT INTO "GuestSession" ("id", "logHash", "createdAt", "lastSeenAt", "expiresAt", "status", "preferences", "variant")
     VALUES (?, ?, ?, ?, ?, 'active', '{}', ?)`,
  ).run(row.id, row.logHash, sqliteDate(row.createdAt), sqliteDate(row.createdAt), sqliteDate(row.expiresAt), row.variant);
}
