import { z } from "zod";
import { jsonColumn } from "../db/codecs";
import { newId } from "../db/rows";
import { hot, type Sql } from "../db/sql";
import { ownerFilter } from "../session/store";
import type { Owner } from "../session/types";

// The cart's SQL: the reads nearly every cart page and request makes, and the writes of a cart
// request, as plain SQL that runs alike on SQLite and PostgreSQL (lib/db/sql.ts), each write
// inside a hot write. On PostgreSQL writes run side by side, so each write that reads before it
// writes first locks the row it depends on (the cart: lockCart).

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
     RETURNING "id"`,
    newId(),
    value,
    now,
    now,
  );
  return row!.id;
}

/** How many of the product the cart holds (0 when none). */
export const lineQuantity = async (tx: Sql, cartId: string, productId: string) =>
  (
    await tx.get<{ quantity: number }>(
      `SELECT "quantity" FROM "CartItem" WHERE "cartId" = ? AND "productId" = ?`,
      cartId,
      productId,
    )
  )?.quantity ?? 0;

/**
 * Adds `quantity` of a product (by id or by slug) to the cart in one statement: a new line, or
 * more on the line there is, but only while the line stays within `cap` and the product's stock.
 * The line's quantity after the add, or undefined when it was refused (or the product is unknown).
 */
export async function addToLine(
  tx: Sql,
  cartId: string,
  ref: { productId?: string; slug?: string },
  quantity: number,
  cap: number,
  now: Date,
): Promise<number | undefined> {
  const [column, value] = ref.productId ? ["id", ref.productId] : ["slug", ref.slug ?? ""];
  const row = await tx.get<{ quantity: number }>(
    `INSERT INTO "CartItem" AS ci ("id", "cartId", "productId", "quantity", "addedAt")
     SELECT ?, ?, p."id", ?, ? FROM "Product" p WHERE p."${column}" = ? AND p."stock" >= ? AND ? <= ?
     ON CONFLICT ("cartId", "productId") DO UPDATE SET "quantity" = ci."quantity" + excluded."quantity"
     WHERE ci."quantity" + excluded."quantity" <= ?
       AND ci."quantity" + excluded."quantity" <= (SELECT "stock" FROM "Product" WHERE "id" = excluded."productId")
     RETURNING "quantity"`,
    newId(),
    cartId,
    quantity,
    now,
    value,
    quantity,
    quantity,
    cap,
    cap,
  );
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
  const changed =
    quantity === 0
      ? await tx.run(`DELETE FROM "CartItem" WHERE ${line}`, value, productId)
      : await tx.run(
          `UPDATE "CartItem" SET "quantity" = ? WHERE ${line} AND ? <= (SELECT "stock" FROM "Product" WHERE "id" = ?)`,
          quantity,
          value,
          productId,
          quantity,
          productId,
        );
  return changed === 1;
}

/** Empties the owner's cart. */
export async function emptyCart(tx: Sql, owner: Owner): Promise<void> {
  const [column, value] = ownerColumn(owner);
  await tx.run(`DELETE FROM "CartItem" WHERE "cartId" IN (SELECT "id" FROM "Cart" WHERE "${column}" = ?)`, value);
}

export type CartLineRow = {
  productId: string;
  quantity: number;
  slug: string;
  name: string;
  image: string;
  stock: number;
  priceCents: number;
};

/** The owner's cart lines with their products, oldest first. */
export function cartLines(owner: Owner, sql: Sql = hot()): Promise<CartLineRow[]> {
  const [where, value] = ownerFilter(owner);
  return sql.all<CartLineRow>(
    `SELECT ci."productId", ci."quantity", p."slug", p."name", p."image", p."stock", p."priceCents"
     FROM "CartItem" ci JOIN "Cart" c ON c."id" = ci."cartId" JOIN "Product" p ON p."id" = ci."productId"
     WHERE ${where} ORDER BY ci."addedAt", ci."id"`,
    value,
  );
}

/** One line of the owner's cart, as the product's name and stock. */
export async function cartLine(
  owner: Owner,
  productId: string,
  sql: Sql = hot(),
): Promise<{ name: string; stock: number } | null> {
  const [where, value] = ownerFilter(owner);
  return (
    (await sql.get<{ name: string; stock: number }>(
      `SELECT p."name", p."stock"
     FROM "CartItem" ci JOIN "Cart" c ON c."id" = ci."cartId" JOIN "Product" p ON p."id" = ci."productId"
     WHERE ${where} AND ci."productId" = ?`,
      value,
      productId,
    )) ?? null
  );
}

/** How many items the owner's cart holds. */
export async function cartItemCount(owner: Owner): Promise<number> {
  const [where, value] = ownerFilter(owner);
  const row = await hot().get<{ count: number | null }>(
    `SELECT SUM(ci."quantity") AS "count" FROM "CartItem" ci JOIN "Cart" c ON c."id" = ci."cartId" WHERE ${where}`,
    value,
  );
  return Number(row?.count ?? 0);
}

/** RestoreToken.lines: what an e-mailed cart link adds. */
export const restoreLinesColumn = jsonColumn(
  z.array(z.object({ productId: z.string(), quantity: z.number().int().positive() })),
  [],
);

/** Uses up a restore link, once: false when another request used it first. */
export const useRestoreToken = async (tx: Sql, id: string, now: Date): Promise<boolean> =>
  (await tx.run(`UPDATE "RestoreToken" SET "usedAt" = ? WHERE "id" = ? AND "usedAt" IS NULL`, now, id)) === 1;

// ---- The sweep (lib/sweep/sweep.ts): each call changes at most `size` rows ----

/** Deletes the carts (their lines go with them: ON DELETE CASCADE) of expired and ended guest sessions, which no cookie can reach. */
export const deleteEndedCarts = (tx: Sql, size: number) =>
  tx.run(
    `DELETE FROM "Cart" WHERE "id" IN (
       SELECT c."id" FROM "Cart" c WHERE c."guestSessionId" IS NOT NULL
       AND EXISTS (SELECT 1 FROM "GuestSession" g WHERE g."id" = c."guestSessionId" AND g."status" IN ('expired', 'revoked')) LIMIT ?)`,
    size,
  );

/**
 * Deletes restore links that expired, were used, or whose cart moved on: its guest session was
 * checked out, converted or ended by the shopper (lib/cart/leads.ts restorableAfter). A session
 * that only went idle or ran out keeps its links: their snapshot is the e-mailed cart.
 */
export const deleteSpentRestoreTokens = (tx: Sql, now: Date, size: number) =>
  tx.run(
    `DELETE FROM "RestoreToken" WHERE "id" IN (SELECT r."id" FROM "RestoreToken" r WHERE r."expiresAt" <= ? OR r."usedAt" IS NOT NULL
       OR EXISTS (SELECT 1 FROM "GuestSession" g WHERE g."id" = r."guestSessionId" AND g."status" IN ('converted', 'revoked')) LIMIT ?)`,
    now,
    size,
  );

/**
 * Puts a line back just before the line `before` (Undo after a removal: where it was, not at the
 * bottom): its addedAt becomes a millisecond before that line's. Nothing moves when `before` is gone.
 */
export async function placeLineBefore(tx: Sql, owner: Owner, productId: string, before: string): Promise<void> {
  const [where, value] = ownerFilter(owner);
  const next = await tx.get<{ cartId: string; addedAt: Date | string }>(
    `SELECT ci."cartId", ci."addedAt" FROM "CartItem" ci JOIN "Cart" c ON c."id" = ci."cartId"
     WHERE ${where} AND ci."productId" = ?`,
    value,
    before,
  );
  if (!next) return;
  // SQLite answers ISO text, PostgreSQL a Date: both read as a Date.
  const at = new Date(new Date(next.addedAt).getTime() - 1);
  await tx.run(
    `UPDATE "CartItem" SET "addedAt" = ? WHERE "cartId" = ? AND "productId" = ?`,
    at,
    next.cartId,
    productId,
  );
}
