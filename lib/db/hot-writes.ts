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

// ---- Orders ----

/** Takes `quantity` of the product's stock, only if that many are left: whether it could. */
export const takeStock = (productId: string, quantity: number) =>
  statement(`UPDATE "Product" SET "stock" = "stock" - ? WHERE "id" = ? AND "stock" >= ?`).run(quantity, productId, quantity).changes === 1;

/** A product's name and stock as they are now. */
export const productStock = (productId: string) =>
  statement(`SELECT "name", "stock" FROM "Product" WHERE "id" = ?`).get(productId) as { name: string; stock: number };

export type OrderRow = {
  id: string; guestSessionId: string | null; userId: string | null; email: string; name: string;
  line1: string; line2: string | null; city: string; postalCode: string; country: string;
  currency: string; totalAmount: number; cardBrand: string; cardLast4: string; createdAt: Date;
  items: { productId: string; name: string; quantity: number; unitAmount: number }[];
};

/** Writes a paid order and its lines. */
export function insertOrder(o: OrderRow): void {
  statement(
    `INSERT INTO "Order" ("id", "guestSessionId", "userId", "status", "email", "name", "line1", "line2", "city", "postalCode",
       "country", "currency", "totalAmount", "cardBrand", "cardLast4", "createdAt")
     VALUES (?, ?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(o.id, o.guestSessionId, o.userId, o.email, o.name, o.line1, o.line2, o.city, o.postalCode, o.country, o.currency,
    o.totalAmount, o.cardBrand, o.cardLast4, sqliteDate(o.createdAt));
  const item = statement(`INSERT INTO "OrderItem" ("id", "orderId", "productId", "name", "quantity", "unitAmount") VALUES (?, ?, ?, ?, ?, ?)`);
  for (const i of o.items) item.run(newId(), o.id, i.productId, i.name, i.quantity, i.unitAmount);
}

/** Empties the owner's cart. */
export function emptyCart(owner: Owner): void {
  const [column, value] = "guestSessionId" in owner ? ["guestSessionId", owner.guestSessionId] : ["userId", owner.userId];
  statement(`DELETE FROM "CartItem" WHERE "cartId" IN (SELECT "id" FROM "Cart" WHERE "${column}" = ?)`).run(value);
}

/**
 * Moves a live guest session to a new id: a new row with the old one's times, preferences,
 * variant and exposure; the cart, orders, leads, messages and events follow; the old row ends.
 * False when the old one was no longer live (nothing is changed then, if the caller throws).
 */
export function moveGuestSession(oldId: string, newId: string, logHash: string, now: Date): boolean {
  const at = sqliteDate(now);
  statement(
    `INSERT INTO "GuestSession" ("id", "logHash", "createdAt", "expiresAt", "lastSeenAt", "status", "preferences", "variant", "exposedAt")
     SELECT ?, ?, "createdAt", "expiresAt", ?, 'active', "preferences", "variant", "exposedAt" FROM "GuestSession" WHERE "id" = ?`,
  ).run(newId, logHash, at, oldId);
  for (const table of ["Cart", "Order", "Lead", "OutboxMessage", "Event"]) {
    statement(`UPDATE "${table}" SET "guestSessionId" = ? WHERE "guestSessionId" = ?`).run(newId, oldId);
  }
  return statement(`UPDATE "GuestSession" SET "status" = 'revoked', "endedAt" = ? WHERE "id" = ? AND "status" = 'active'`)
    .run(at, oldId).changes === 1;
}

// ---- The outbox ----

/** Stores a message (links as a JSON array, lib/db/codecs.ts). */
export function insertOutboxMessage(m: {
  to: string; subject: string; text: string; links: string; guestSessionId?: string | null; userId?: string | null; createdAt: Date;
}): void {
  statement(
    `INSERT INTO "OutboxMessage" ("id", "to", "subject", "text", "links", "guestSessionId", "userId", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(newId(), m.to, m.subject, m.text, m.links, m.guestSessionId ?? null, m.userId ?? null, sqliteDate(m.createdAt));
}
