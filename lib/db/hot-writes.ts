import crypto from "node:crypto";
import type { Owner } from "../session/session";
import { guestTables } from "../session/guest-data";
import type { Param, Sql } from "./sql";

// The writes every cart request makes (rate-limit windows, the cart and its lines, new guest
// sessions, orders), as plain SQL that runs alike on SQLite and PostgreSQL, each inside a hot
// write (`hotWrite(async (tx) => …)`, ./sql.ts). On SQLite, hot writes take turns with Prisma's;
// on PostgreSQL they run side by side, so each write that reads before it writes first locks the
// row it depends on (the cart), and rows several transactions lock are locked in one order.

export { hotWrite } from "./sql";

export const newId = () => crypto.randomUUID();

/** Rows per INSERT: a few statement shapes only, each prepared once. */
const ROWS_PER_INSERT = 25;

/** Inserts rows into `into` ("Table" ("column", …)), ROWS_PER_INSERT to a statement. */
export async function insertRows(tx: Sql, into: string, rows: Param[][]): Promise<void> {
  for (let i = 0; i < rows.length; ) {
    const take = rows.length - i >= ROWS_PER_INSERT ? ROWS_PER_INSERT : 1;
    const chunk = rows.slice(i, i + take);
    const row = `(${chunk[0].map(() => "?").join(", ")})`;
    await tx.run(`INSERT INTO ${into} VALUES ${chunk.map(() => row).join(", ")}`, ...chunk.flat());
    i += take;
  }
}

// ---- Rate-limit windows ----

/**
 * Counts one hit for each key in its window (starting at `windowStart`), unless that window is
 * already full (`cap`), and returns the keys that were counted. One statement for all the keys.
 */
export async function countHits(tx: Sql, hits: { key: string; cap: number; windowStart: Date }[]): Promise<Set<string>> {
  const sorted = [...hits].sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order for every request
  const counted = await tx.all<{ key: string }>(countHitsSql(sorted.length),
    ...sorted.flatMap((h) => [h.key, h.windowStart]), ...sorted.flatMap((h) => [h.key, h.cap]));
  return new Set(counted.map((row) => row.key));
}

/** countHits' statement for `n` keys, written once: the same text each time is found prepared at once. */
const hitStatements = new Map<number, string>();
function countHitsSql(n: number): string {
  let sql = hitStatements.get(n);
  if (!sql) {
    const keys = Array.from({ length: n });
    const cap = `CASE w."key" ${keys.map(() => "WHEN ? THEN CAST(? AS INTEGER)").join(" ")} END`;
    sql = `INSERT INTO "RateLimitWindow" AS w ("key", "windowStart", "count") VALUES ${keys.map(() => "(?, ?, 1)").join(", ")}
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN w."windowStart" = excluded."windowStart" THEN w."count" + 1 ELSE 1 END,
       "windowStart" = excluded."windowStart"
     WHERE NOT (w."windowStart" = excluded."windowStart" AND w."count" >= ${cap})
     RETURNING "key"`;
    hitStatements.set(n, sql);
  }
  return sql;
}

// ---- Carts ----

type CartProduct = { id: string; name: string; stock: number };

/** A product as a cart write needs it, by id or by slug. */
export const productForCart = (tx: Sql, ref: { productId?: string; slug?: string }) =>
  ref.productId
    ? tx.get<CartProduct>(`SELECT "id", "name", "stock" FROM "Product" WHERE "id" = ?`, ref.productId)
    : tx.get<CartProduct>(`SELECT "id", "name", "stock" FROM "Product" WHERE "slug" = ?`, ref.slug ?? "");

const ownerColumn = (owner: Owner): [column: "guestSessionId" | "userId", value: string] =>
  "guestSessionId" in owner ? ["guestSessionId", owner.guestSessionId] : ["userId", owner.userId];

/**
 * The owner's cart id, making the cart when there is none yet. It also locks the cart until the
 * transaction ends (an update of its row), so writes to one cart happen one after another.
 */
export async function lockCart(tx: Sql, owner: Owner, now: Date): Promise<string> {
  const [column, value] = ownerColumn(owner);
  const row = await tx.get<{ id: string }>(
    `INSERT INTO "Cart" ("id", "${column}", "createdAt", "updatedAt") VALUES (?, ?, ?, ?)
     ON CONFLICT ("${column}") DO UPDATE SET "updatedAt" = excluded."updatedAt"
     RETURNING "id"`, newId(), value, now, now);
  return row!.id;
}

/** How many of the product the cart holds (0 when none). */
export const lineQuantity = async (tx: Sql, cartId: string, productId: string) =>
  (await tx.get<{ quantity: number }>(`SELECT "quantity" FROM "CartItem" WHERE "cartId" = ? AND "productId" = ?`, cartId, productId))
    ?.quantity ?? 0;

/**
 * Adds `quantity` of a product (by id or by slug) to the cart in one statement: a new line, or
 * more on the line there is, but only while the line stays within `cap` and the product's stock.
 * The line's quantity after the add, or undefined when it was refused (or the product is unknown).
 */
export async function addToLine(
  tx: Sql, cartId: string, ref: { productId?: string; slug?: string }, quantity: number, cap: number, now: Date,
): Promise<number | undefined> {
  const [column, value] = ref.productId ? ["id", ref.productId] : ["slug", ref.slug ?? ""];
  const row = await tx.get<{ quantity: number }>(
    `INSERT INTO "CartItem" AS ci ("id", "cartId", "productId", "quantity", "addedAt")
     SELECT ?, ?, p."id", ?, ? FROM "Product" p WHERE p."${column}" = ? AND p."stock" >= ? AND ? <= ?
     ON CONFLICT ("cartId", "productId") DO UPDATE SET "quantity" = ci."quantity" + excluded."quantity"
     WHERE ci."quantity" + excluded."quantity" <= ?
       AND ci."quantity" + excluded."quantity" <= (SELECT "stock" FROM "Product" WHERE "id" = excluded."productId")
     RETURNING "quantity"`,
    newId(), cartId, quantity, now, value, quantity, quantity, cap, cap);
  return row?.quantity;
}

/**
 * Sets the quantity of the owner's line for a product in one statement, but only while the
 * product's stock covers it; 0 removes the line. Whether it did (false: no such line, or too few
 * in stock).
 */
export async function setLineQuantity(tx: Sql, owner: Owner, productId: string, quantity: number): Promise<boolean> {
  const [column, value] = ownerColumn(owner);
  const line = `"cartId" IN (SELECT "id" FROM "Cart" WHERE "${column}" = ?) AND "productId" = ?`;
  const changed = quantity === 0
    ? await tx.run(`DELETE FROM "CartItem" WHERE ${line}`, value, productId)
    : await tx.run(
      `UPDATE "CartItem" SET "quantity" = ? WHERE ${line} AND ? <= (SELECT "stock" FROM "Product" WHERE "id" = ?)`,
      quantity, value, productId, quantity, productId);
  return changed === 1;
}

// ---- Guest sessions ----

/** A new guest session's row (the defaults: active, no preferences). */
export async function insertGuestSession(tx: Sql, row: { id: string; logHash: string; createdAt: Date; expiresAt: Date; variant: string }): Promise<void> {
  await tx.run(
    `INSERT INTO "GuestSession" ("id", "logHash", "createdAt", "lastSeenAt", "expiresAt", "status", "preferences", "variant")
     VALUES (?, ?, ?, ?, ?, 'active', '{}', ?)`,
    row.id, row.logHash, row.createdAt, row.createdAt, row.expiresAt, row.variant);
}

/** A session check's writes: the expiry it found (whether it was the one to mark it), the last-seen time. */
export const expireSessionRow = async (tx: Sql, table: "GuestSession" | "UserSession", id: string, now: Date) =>
  (await tx.run(`UPDATE "${table}" SET "status" = 'expired', "endedAt" = ? WHERE "id" = ? AND "status" = 'active'`, now, id)) === 1;

export const touchSessionRow = (tx: Sql, table: "GuestSession" | "UserSession", id: string, now: Date) =>
  tx.run(`UPDATE "${table}" SET "lastSeenAt" = ? WHERE "id" = ?`, now, id);

// ---- Events ----

export type EventRow = {
  name: string; authState: string; guestSessionId: string | null; userId: string | null; properties: string; createdAt: Date;
};

/** Writes a batch of events (lib/journeys/events.ts buffers them). */
export const insertEvents = (tx: Sql, rows: EventRow[]) =>
  insertRows(tx, `"Event" ("id", "name", "authState", "guestSessionId", "userId", "properties", "createdAt")`,
    rows.map((e) => [newId(), e.name, e.authState, e.guestSessionId, e.userId, e.properties, e.createdAt]));

// ---- Orders ----

/** Takes `quantity` of the product's stock, only if that many are left: whether it could. */
export const takeStock = async (tx: Sql, productId: string, quantity: number) =>
  (await tx.run(`UPDATE "Product" SET "stock" = "stock" - ? WHERE "id" = ? AND "stock" >= ?`, quantity, productId, quantity)) === 1;

/** A product's name and stock as they are now. */
export const productStock = async (tx: Sql, productId: string) =>
  (await tx.get<{ name: string; stock: number }>(`SELECT "name", "stock" FROM "Product" WHERE "id" = ?`, productId))!;

export type OrderRow = {
  id: string; guestSessionId: string | null; userId: string | null; email: string; name: string;
  line1: string; line2: string | null; city: string; postalCode: string; country: string;
  currency: string; totalAmount: number; cardBrand: string; cardLast4: string; createdAt: Date;
  items: { productId: string; name: string; quantity: number; unitAmount: number }[];
};

/** Writes a paid order and its lines. */
export async function insertOrder(tx: Sql, o: OrderRow): Promise<void> {
  await tx.run(
    `INSERT INTO "Order" ("id", "guestSessionId", "userId", "status", "email", "name", "line1", "line2", "city", "postalCode",
       "country", "currency", "totalAmount", "cardBrand", "cardLast4", "createdAt")
     VALUES (?, ?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    o.id, o.guestSessionId, o.userId, o.email, o.name, o.line1, o.line2, o.city, o.postalCode, o.country, o.currency,
    o.totalAmount, o.cardBrand, o.cardLast4, o.createdAt);
  for (const i of o.items) {
    await tx.run(`INSERT INTO "OrderItem" ("id", "orderId", "productId", "name", "quantity", "unitAmount") VALUES (?, ?, ?, ?, ?, ?)`,
      newId(), o.id, i.productId, i.name, i.quantity, i.unitAmount);
  }
}

/** Empties the owner's cart. */
export async function emptyCart(tx: Sql, owner: Owner): Promise<void> {
  const [column, value] = ownerColumn(owner);
  await tx.run(`DELETE FROM "CartItem" WHERE "cartId" IN (SELECT "id" FROM "Cart" WHERE "${column}" = ?)`, value);
}

/**
 * Moves a live guest session to a new id: a new row with the old one's times, preferences,
 * variant and exposure; the cart, orders, leads, messages and events follow; the old row ends.
 * False when the old one was no longer live (nothing is changed then). Ending the old row comes
 * first: it locks it, so of two moves of one session only one goes on.
 */
export async function moveGuestSession(tx: Sql, oldId: string, newId: string, logHash: string, now: Date): Promise<boolean> {
  const ended = await tx.run(
    `UPDATE "GuestSession" SET "status" = 'revoked', "rotated" = TRUE, "endedAt" = ? WHERE "id" = ? AND "status" = 'active'`, now, oldId);
  if (ended !== 1) return false;
  await tx.run(
    `INSERT INTO "GuestSession" ("id", "logHash", "createdAt", "expiresAt", "lastSeenAt", "status", "preferences", "variant", "exposedAt")
     SELECT ?, ?, "createdAt", "expiresAt", "lastSeenAt", 'active', "preferences", "variant", "exposedAt" FROM "GuestSession" WHERE "id" = ?`,
    newId, logHash, oldId);
  await tx.run(`UPDATE "GuestSession" SET "lastSeenAt" = ? WHERE "id" = ?`, now, newId);
  for (const table of guestTables("rotation", "follow")) {
    await tx.run(`UPDATE "${table}" SET "guestSessionId" = ? WHERE "guestSessionId" = ?`, newId, oldId);
  }
  return true;
}

/** Uses up a restore link, once: false when another request used it first. */
export const useRestoreToken = async (tx: Sql, id: string, now: Date): Promise<boolean> =>
  (await tx.run(`UPDATE "RestoreToken" SET "usedAt" = ? WHERE "id" = ? AND "usedAt" IS NULL`, now, id)) === 1;

// ---- The sweep (lib/session/sweep.ts): each call changes at most `size` rows ----

/** Marks live guest sessions past their expiry, or idle since `idleSince`, as expired. */
export const expireGuestSessions = (tx: Sql, now: Date, idleSince: Date, size: number) =>
  tx.run(
    `UPDATE "GuestSession" SET "status" = 'expired', "endedAt" = ? WHERE "id" IN (
       SELECT "id" FROM "GuestSession" WHERE "status" = 'active' AND ("expiresAt" <= ? OR "lastSeenAt" <= ?) LIMIT ?)`,
    now, now, idleSince, size);

/** Deletes the carts (their lines go with them: ON DELETE CASCADE) of expired and ended guest sessions, which no cookie can reach. */
export const deleteEndedCarts = (tx: Sql, size: number) =>
  tx.run(
    `DELETE FROM "Cart" WHERE "id" IN (
       SELECT c."id" FROM "Cart" c WHERE c."guestSessionId" IS NOT NULL
       AND EXISTS (SELECT 1 FROM "GuestSession" g WHERE g."id" = c."guestSessionId" AND g."status" IN ('expired', 'revoked')) LIMIT ?)`,
    size);

/** Deletes restore links that expired or were used. */
export const deleteSpentRestoreTokens = (tx: Sql, now: Date, size: number) =>
  tx.run(`DELETE FROM "RestoreToken" WHERE "id" IN (SELECT "id" FROM "RestoreToken" WHERE "expiresAt" <= ? OR "usedAt" IS NOT NULL LIMIT ?)`, now, size);

/** Deletes rate-limit windows that started before `before`. */
/** Deletes windows that ended: a minute's a minute after it started, an hour's (keys starting `hourPrefix`) an hour after. */
export const deleteRateLimitWindows = (tx: Sql, ended: { minuteAgo: Date; hourAgo: Date; hourPrefix: string }, size: number) =>
  tx.run(`DELETE FROM "RateLimitWindow" WHERE "key" IN (SELECT "key" FROM "RateLimitWindow"
     WHERE "windowStart" < ? AND ("windowStart" < ? OR "key" NOT LIKE ?) LIMIT ?)`, ended.minuteAgo, ended.hourAgo, `${ended.hourPrefix}%`, size);

// ---- Retention ----

/**
 * Deletes these ended guest sessions and what hangs off them, each table as GUEST_DATA says
 * (lib/session/guest-data.ts): what was the guest's alone is deleted; the records that outlive
 * it (events, orders, migrations, messages that also went to an account) lose the guest's id.
 */
export async function retireGuestSessions(tx: Sql, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const list = `(${ids.map(() => "?").join(", ")})`;
  for (const table of guestTables("retention", "unlink")) {
    await tx.run(`UPDATE "${table}" SET "guestSessionId" = NULL WHERE "guestSessionId" IN ${list}`, ...ids);
  }
  for (const table of guestTables("retention", "unlink-if-account")) {
    await tx.run(`UPDATE "${table}" SET "guestSessionId" = NULL WHERE "guestSessionId" IN ${list} AND "userId" IS NOT NULL`, ...ids);
    await tx.run(`DELETE FROM "${table}" WHERE "guestSessionId" IN ${list}`, ...ids);
  }
  for (const table of guestTables("retention", "delete")) await tx.run(`DELETE FROM "${table}" WHERE "guestSessionId" IN ${list}`, ...ids);
  // The dashboard's guest sessions per day count rows: the retired ones are kept as a tally per day.
  const started = new Map<string, number>();
  for (const row of await tx.all<{ createdAt: Date | string }>(`SELECT "createdAt" FROM "GuestSession" WHERE "id" IN ${list} AND "status" <> 'active'`, ...ids)) {
    const day = new Date(row.createdAt).toISOString().slice(0, 10);
    started.set(day, (started.get(day) ?? 0) + 1);
  }
  for (const [day, count] of started) await tx.run(`INSERT INTO "Tally" ("key", "count") VALUES (?, ?)`, `${RETIRED_STARTED}${day}`, count);
  return tx.run(`DELETE FROM "GuestSession" WHERE "id" IN ${list} AND "status" <> 'active'`, ...ids);
}

/** The Tally key prefix of retired guest sessions per day they started (YYYY-MM-DD after it). */
export const RETIRED_STARTED = "retired-started:";

/** Deletes up to `size` page and product views recorded before `before` (the index on name and time finds them): how many. */
export const deleteViewsBefore = (tx: Sql, before: Date, size: number) =>
  tx.run(`DELETE FROM "Event" WHERE "id" IN (SELECT "id" FROM "Event" WHERE "name" IN ('page_view', 'product_view') AND "createdAt" < ? LIMIT ?)`, before, size);

// ---- Leases ----

/**
 * Takes the lease `name` until `until` for `holder`, when it is free, expired at `now`, or
 * already the holder's: whether the holder has it now. One statement, so two servers asking at
 * once cannot both get it.
 */
export async function takeLease(tx: Sql, name: string, holder: string, until: Date, now: Date): Promise<boolean> {
  const row = await tx.get<{ holder: string }>(
    `INSERT INTO "Lease" AS l ("name", "holder", "until") VALUES (?, ?, ?)
     ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "until" = excluded."until"
     WHERE l."until" <= ? OR l."holder" = excluded."holder"
     RETURNING "holder"`, name, holder, until, now);
  return row?.holder === holder;
}

// ---- The outbox ----

/** Stores a message (links as a JSON array, lib/db/codecs.ts). */
export async function insertOutboxMessage(tx: Sql, m: {
  to: string; subject: string; text: string; links: string; guestSessionId?: string | null; userId?: string | null; createdAt: Date;
}): Promise<void> {
  await tx.run(
    `INSERT INTO "OutboxMessage" ("id", "to", "subject", "text", "links", "guestSessionId", "userId", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    newId(), m.to, m.subject, m.text, m.links, m.guestSessionId ?? null, m.userId ?? null, m.createdAt);
}
