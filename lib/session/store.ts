import { z } from "zod";
import { CURRENCIES } from "../catalog/currency";
import { jsonColumn } from "../db/codecs";
import { hot, hotRemembered, type Sql } from "../db/sql";
import type { GuestSessionStatus, UserSessionStatus } from "../generated/prisma/client";
import { guestTables } from "./guest-data";
import type { Preferences } from "./preferences-model";
import type { CartQuantity, Owner } from "./types";

// The session rows' SQL. The reads run on nearly every request (the session check), as named
// queries that return domain values: real dates and booleans, decoded JSON, on the hot
// connection (lib/db/sql.ts). These reads decide how much a guest session costs (`npm run bench`).

/** GuestSession.preferences and User.preferences. */
export const preferencesColumn = jsonColumn<Preferences>(
  z.object({ currency: z.enum(CURRENCIES).optional().catch(undefined) }),
  {},
);

const date = (value: string | Date) => new Date(value);

type Stored = { createdAt: string | Date; expiresAt: string | Date; lastSeenAt: string | Date; preferences: string };

/**
 * With a session row, its owner's cart lines (none: one row with a null product), oldest first:
 * one statement where GET /api/session would otherwise run two (`withCart`).
 */
const cartJoin = (owner: string) => ` LEFT JOIN "Cart" c ON c.${owner} LEFT JOIN "CartItem" ci ON ci."cartId" = c."id"`;
const CART_COLUMNS = `, ci."productId" AS "cartProductId", ci."quantity" AS "cartQuantity"`;
const CART_ORDER = ` ORDER BY ci."addedAt", ci."id"`;
type CartColumns = { cartProductId: string | null; cartQuantity: number | null };
const cartOf = (rows: CartColumns[]): CartQuantity[] =>
  rows
    .filter((r) => r.cartProductId !== null)
    .map((r) => Object.freeze({ productId: r.cartProductId!, quantity: Number(r.cartQuantity) }));

/**
 * A remembered answer (./sqlite.ts) is one frozen object for as long as the database is
 * unchanged: what it decodes to is kept beside it, frozen too, so that a session checked again
 * and again has its dates and JSON read once. A plain answer (PostgreSQL's) is not frozen, and is
 * decoded every time: being frozen is how a remembered answer is told apart.
 */
const decodedAnswers = new WeakMap<object, object>();
function decodeOnce<A extends object, D extends object>(answer: A, decode: (answer: A) => D): D {
  if (!Object.isFrozen(answer)) return decode(answer);
  let decoded = decodedAnswers.get(answer) as D | undefined;
  if (!decoded) decodedAnswers.set(answer, (decoded = Object.freeze(decode(answer))));
  return decoded;
}

/** A session row decoded, and with `withCart` its cart (else `cart` is absent). */
async function sessionRow<T extends object, D extends object>(
  sql: readonly [plain: string, withCart: string],
  id: string,
  withCart: boolean,
  decode: (row: T, cart?: readonly CartQuantity[]) => D,
): Promise<D | null> {
  if (!withCart) {
    const row = await hotRemembered().get<T>(sql[0], id);
    return row ? decodeOnce(row, (r) => decode(r)) : null;
  }
  const rows = await hotRemembered().all<T & CartColumns>(sql[1], id);
  const [first] = rows;
  return first ? decodeOnce(rows, (r) => decode(first, Object.freeze(cartOf(r)))) : null;
}

export type GuestSessionRow = {
  id: string;
  status: GuestSessionStatus;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
  preferences: Preferences;
  variant: string | null;
  /** Read only when asked for (`withCart`). */
  cart?: readonly CartQuantity[];
};

const GUEST_COLUMNS = `SELECT s."id", s."status", s."createdAt", s."expiresAt", s."lastSeenAt", s."preferences", s."variant"`;
const GUEST_SQL = [
  `${GUEST_COLUMNS} FROM "GuestSession" s WHERE s."id" = ?`,
  `${GUEST_COLUMNS}${CART_COLUMNS} FROM "GuestSession" s${cartJoin(`"guestSessionId" = s."id"`)} WHERE s."id" = ?${CART_ORDER}`,
] as const;

/** A guest session row (frozen: it may be shared by every request while the database is unchanged). */
export function guestSessionRow(id: string, withCart = false): Promise<Readonly<GuestSessionRow> | null> {
  return sessionRow<Omit<GuestSessionRow, keyof Stored | "cart"> & Stored, GuestSessionRow>(
    GUEST_SQL,
    id,
    withCart,
    (row, cart) => ({
      id: row.id,
      status: row.status,
      variant: row.variant,
      cart,
      createdAt: date(row.createdAt),
      expiresAt: date(row.expiresAt),
      lastSeenAt: date(row.lastSeenAt),
      preferences: Object.freeze(preferencesColumn.decode(row.preferences)),
    }),
  );
}

export type UserSessionRow = {
  id: string;
  publicId: string;
  status: UserSessionStatus;
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
  userId: string;
  migratedFrom: string | null;
  email: string;
  isAdmin: boolean;
  preferences: Preferences;
  variant: string | null;
  /** Read only when asked for (`withCart`). */
  cart?: readonly CartQuantity[];
};

const USER_COLUMNS = `SELECT s."id", s."publicId", s."status", s."createdAt", s."expiresAt", s."lastSeenAt", s."userId", s."migratedFrom",
            u."email", u."isAdmin", u."preferences", u."variant"`;
const USER_FROM = `FROM "UserSession" s JOIN "User" u ON u."id" = s."userId"`;
const USER_SQL = [
  `${USER_COLUMNS} ${USER_FROM} WHERE s."id" = ?`,
  `${USER_COLUMNS}${CART_COLUMNS} ${USER_FROM}${cartJoin(`"userId" = s."userId"`)} WHERE s."id" = ?${CART_ORDER}`,
] as const;

/** A signed-in session with what the session needs of its account (frozen, as a guest's). */
export function userSessionRow(id: string, withCart = false): Promise<Readonly<UserSessionRow> | null> {
  type Read = Omit<UserSessionRow, keyof Stored | "isAdmin" | "cart"> & Stored & { isAdmin: number | boolean };
  return sessionRow<Read, UserSessionRow>(USER_SQL, id, withCart, (row, cart) => ({
    id: row.id,
    publicId: row.publicId,
    status: row.status,
    userId: row.userId,
    migratedFrom: row.migratedFrom,
    email: row.email,
    variant: row.variant,
    cart,
    createdAt: date(row.createdAt),
    expiresAt: date(row.expiresAt),
    lastSeenAt: date(row.lastSeenAt),
    isAdmin: row.isAdmin === true || row.isAdmin === 1,
    preferences: Object.freeze(preferencesColumn.decode(row.preferences)),
  }));
}

// ---- Writes, each inside a hot write ----

/** A new guest session's row (the defaults: active, no preferences). */
export async function insertGuestSession(
  tx: Sql,
  row: { id: string; logHash: string; createdAt: Date; expiresAt: Date; variant: string },
): Promise<void> {
  await tx.run(
    `INSERT INTO "GuestSession" ("id", "logHash", "createdAt", "lastSeenAt", "expiresAt", "status", "preferences", "variant")
     VALUES (?, ?, ?, ?, ?, 'active', '{}', ?)`,
    row.id,
    row.logHash,
    row.createdAt,
    row.createdAt,
    row.expiresAt,
    row.variant,
  );
}

/** A session check's writes: the expiry it found (whether it was the one to mark it), the last-seen time. */
export const expireSessionRow = async (tx: Sql, table: "GuestSession" | "UserSession", id: string, now: Date) =>
  (await tx.run(
    `UPDATE "${table}" SET "status" = 'expired', "endedAt" = ? WHERE "id" = ? AND "status" = 'active'`,
    now,
    id,
  )) === 1;

export const touchSessionRow = (tx: Sql, table: "GuestSession" | "UserSession", id: string, now: Date) =>
  tx.run(`UPDATE "${table}" SET "lastSeenAt" = ? WHERE "id" = ?`, now, id);

/**
 * Moves a live guest session to a new id: a new row with the old one's times, preferences,
 * variant and exposure; the cart, orders, leads, messages and events follow; the old row ends.
 * False when the old one was no longer live (nothing is changed then). Ending the old row comes
 * first: it locks it, so of two moves of one session only one goes on.
 */
export async function moveGuestSession(
  tx: Sql,
  oldId: string,
  newId: string,
  logHash: string,
  now: Date,
): Promise<boolean> {
  const ended = await tx.run(
    `UPDATE "GuestSession" SET "status" = 'revoked', "rotated" = TRUE, "endedAt" = ? WHERE "id" = ? AND "status" = 'active'`,
    now,
    oldId,
  );
  if (ended !== 1) return false;
  await tx.run(
    `INSERT INTO "GuestSession" ("id", "logHash", "createdAt", "expiresAt", "lastSeenAt", "status", "preferences", "variant", "exposedAt")
     SELECT ?, ?, "createdAt", "expiresAt", "lastSeenAt", 'active', "preferences", "variant", "exposedAt" FROM "GuestSession" WHERE "id" = ?`,
    newId,
    logHash,
    oldId,
  );
  await tx.run(`UPDATE "GuestSession" SET "lastSeenAt" = ? WHERE "id" = ?`, now, newId);
  for (const table of guestTables("rotation", "follow")) {
    await tx.run(`UPDATE "${table}" SET "guestSessionId" = ? WHERE "guestSessionId" = ?`, newId, oldId);
  }
  return true;
}

// ---- The sweep (lib/sweep/sweep.ts): each call changes at most `size` rows ----

/** Marks live guest sessions past their expiry, or idle since `idleSince`, as expired. */
export const expireGuestSessions = (tx: Sql, now: Date, idleSince: Date, size: number) =>
  tx.run(
    `UPDATE "GuestSession" SET "status" = 'expired', "endedAt" = ? WHERE "id" IN (
       SELECT "id" FROM "GuestSession" WHERE "status" = 'active' AND ("expiresAt" <= ? OR "lastSeenAt" <= ?) LIMIT ?)`,
    now,
    now,
    idleSince,
    size,
  );

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
    await tx.run(
      `UPDATE "${table}" SET "guestSessionId" = NULL WHERE "guestSessionId" IN ${list} AND "userId" IS NOT NULL`,
      ...ids,
    );
    await tx.run(`DELETE FROM "${table}" WHERE "guestSessionId" IN ${list}`, ...ids);
  }
  for (const table of guestTables("retention", "delete"))
    await tx.run(`DELETE FROM "${table}" WHERE "guestSessionId" IN ${list}`, ...ids);
  return tx.run(`DELETE FROM "GuestSession" WHERE "id" IN ${list} AND "status" <> 'active'`, ...ids);
}

/** The owner column of a cart, chosen here from the session, never from input. */
export const ownerFilter = (owner: Owner): [sql: string, value: string] =>
  "guestSessionId" in owner ? [`c."guestSessionId" = ?`, owner.guestSessionId] : [`c."userId" = ?`, owner.userId];

/** What the owner's cart holds, product by product, oldest line first: no product is read. */
export function cartQuantities(owner: Owner): Promise<CartQuantity[]> {
  const [where, value] = ownerFilter(owner);
  return hot().all(
    `SELECT ci."productId", ci."quantity" FROM "CartItem" ci JOIN "Cart" c ON c."id" = ci."cartId"
     WHERE ${where} ORDER BY ci."addedAt", ci."id"`,
    value,
  );
}
