import type { GuestSessionStatus, UserSessionStatus } from "../generated/prisma/client";
import type { Owner } from "../session/session";
import { preferencesColumn } from "./codecs";
import type { Preferences } from "../session/preferences-model";
import { hot, hotRemembered, type Sql } from "./sql";

// The reads that run on nearly every request (the session row, the cart lines), as named
// queries that return domain values: real dates and booleans, decoded JSON. They run on the hot
// connection (./sql.ts), or inside a hot write when given its `tx`. These reads decide how much
// a guest session costs (`npm run bench`).

const date = (value: string | Date) => new Date(value);

/** The owner column of a cart, chosen here from the session, never from input. */
const ownerFilter = (owner: Owner): [sql: string, value: string] =>
  "guestSessionId" in owner ? [`c."guestSessionId" = ?`, owner.guestSessionId] : [`c."userId" = ?`, owner.userId];

type Stored = { createdAt: string | Date; expiresAt: string | Date; lastSeenAt: string | Date; preferences: string };

/** A cart's content as the session JSON says it: product by product, oldest line first. */
export type CartQuantity = { productId: string; quantity: number };

/**
 * With a session row, its owner's cart lines (none: one row with a null product), oldest first:
 * one statement where GET /api/session would otherwise run two (`withCart`).
 */
const cartJoin = (owner: string) =>
  ` LEFT JOIN "Cart" c ON c.${owner} LEFT JOIN "CartItem" ci ON ci."cartId" = c."id"`;
const CART_COLUMNS = `, ci."productId" AS "cartProductId", ci."quantity" AS "cartQuantity"`;
const CART_ORDER = ` ORDER BY ci."addedAt", ci."id"`;
type CartColumns = { cartProductId: string | null; cartQuantity: number | null };
const cartOf = (rows: CartColumns[]): CartQuantity[] =>
  rows.filter((r) => r.cartProductId !== null).map((r) => Object.freeze({ productId: r.cartProductId!, quantity: Number(r.cartQuantity) }));

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
  sql: readonly [plain: string, withCart: string], id: string, withCart: boolean, decode: (row: T, cart?: readonly CartQuantity[]) => D,
): Promise<D | null> {
  if (!withCart) {
    const row = await hotRemembered().get<T>(sql[0], id);
    return row ? decodeOnce(row, (r) => decode(r)) : null;
  }
  const rows = await hotRemembered().all<T & CartColumns>(sql[1], id);
  return rows.length ? decodeOnce(rows, (r) => decode(r[0], Object.freeze(cartOf(r)))) : null;
}

export type GuestSessionRow = {
  id: string; status: GuestSessionStatus; createdAt: Date; expiresAt: Date; lastSeenAt: Date;
  preferences: Preferences; variant: string | null;
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
  return sessionRow<Omit<GuestSessionRow, keyof Stored | "cart"> & Stored, GuestSessionRow>(GUEST_SQL, id, withCart, (row, cart) => ({
    id: row.id, status: row.status, variant: row.variant, cart,
    createdAt: date(row.createdAt), expiresAt: date(row.expiresAt), lastSeenAt: date(row.lastSeenAt),
    preferences: Object.freeze(preferencesColumn.decode(row.preferences)),
  }));
}

export type UserSessionRow = {
  id: string; publicId: string; status: UserSessionStatus; createdAt: Date; expiresAt: Date; lastSeenAt: Date; userId: string;
  migratedFrom: string | null; email: string; isAdmin: boolean; preferences: Preferences; variant: string | null;
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
    id: row.id, publicId: row.publicId, status: row.status, userId: row.userId, migratedFrom: row.migratedFrom,
    email: row.email, variant: row.variant, cart,
    createdAt: date(row.createdAt), expiresAt: date(row.expiresAt), lastSeenAt: date(row.lastSeenAt),
    isAdmin: row.isAdmin === true || row.isAdmin === 1,
    preferences: Object.freeze(preferencesColumn.decode(row.preferences)),
  }));
}

export type CartLineRow = { productId: string; quantity: number; slug: string; name: string; image: string; stock: number; priceCents: number };

/** The owner's cart lines with their products, oldest first. */
export function cartLines(owner: Owner, sql: Sql = hot()): Promise<CartLineRow[]> {
  const [where, value] = ownerFilter(owner);
  return sql.all<CartLineRow>(
    `SELECT ci."productId", ci."quantity", p."slug", p."name", p."image", p."stock", p."priceCents"
     FROM "CartItem" ci JOIN "Cart" c ON c."id" = ci."cartId" JOIN "Product" p ON p."id" = ci."productId"
     WHERE ${where} ORDER BY ci."addedAt", ci."id"`, value);
}

/** What the owner's cart holds, product by product, oldest line first: no product is read. */
export function cartQuantities(owner: Owner): Promise<CartQuantity[]> {
  const [where, value] = ownerFilter(owner);
  return hot().all(
    `SELECT ci."productId", ci."quantity" FROM "CartItem" ci JOIN "Cart" c ON c."id" = ci."cartId"
     WHERE ${where} ORDER BY ci."addedAt", ci."id"`, value);
}

/** One line of the owner's cart, as the product's name and stock. */
export async function cartLine(owner: Owner, productId: string, sql: Sql = hot()): Promise<{ name: string; stock: number } | null> {
  const [where, value] = ownerFilter(owner);
  return (await sql.get<{ name: string; stock: number }>(
    `SELECT p."name", p."stock"
     FROM "CartItem" ci JOIN "Cart" c ON c."id" = ci."cartId" JOIN "Product" p ON p."id" = ci."productId"
     WHERE ${where} AND ci."productId" = ?`, value, productId)) ?? null;
}

/** How many items the owner's cart holds. */
export async function cartItemCount(owner: Owner): Promise<number> {
  const [where, value] = ownerFilter(owner);
  const row = await hot().get<{ count: number | null }>(
    `SELECT SUM(ci."quantity") AS "count" FROM "CartItem" ci JOIN "Cart" c ON c."id" = ci."cartId" WHERE ${where}`, value);
  return Number(row?.count ?? 0);
}
