import type { CartChoice, MigrationKind } from "../generated/prisma/enums";
import { insertRows, newId } from "../db/rows";
import { guestTables, type GuestTable } from "../session/guest-data";
import type { Sql } from "../db/sql";
import { z } from "zod";
import { jsonColumn } from "../db/codecs";

// The statements of a guest → account migration (lib/cart/migration.ts decides what to write),
// plain SQL for both engines inside one hot write: a 100-line cart moves in a dozen statements.
// Locks are taken in a checkout's order (the guest's cart, then its session), so the two never
// wait on each other in a circle on PostgreSQL.

const namedLines = z.array(z.object({ name: z.string(), quantity: z.number() }));
/** Migration.details: which items ended where, for the account's history. */
export const migrationDetailsColumn = jsonColumn(
  z.object({ cart: namedLines.optional(), savedForLater: namedLines.optional() }),
  {},
);

/** Locks the guest's cart until the migration commits: its id, or undefined when it has none. */
export const lockGuestCart = async (tx: Sql, guestSessionId: string, now: Date) =>
  (
    await tx.get<{ id: string }>(
      `UPDATE "Cart" SET "updatedAt" = ? WHERE "guestSessionId" = ? RETURNING "id"`,
      now,
      guestSessionId,
    )
  )?.id;

/**
 * Marks a live guest session converted to the account: its preferences and variant, or
 * undefined when it was not live (then `guestSessionState` says why). On PostgreSQL a concurrent
 * migration of the same session waits here, then finds it converted.
 */
export const claimGuestSession = (tx: Sql, id: string, userId: string, now: Date) =>
  tx.get<{ preferences: string; variant: string | null }>(
    `UPDATE "GuestSession" SET "status" = 'converted', "convertedUserId" = ?, "endedAt" = ?
     WHERE "id" = ? AND "status" = 'active' AND "expiresAt" > ? RETURNING "preferences", "variant"`,
    userId,
    now,
    id,
    now,
  );

export const guestSessionState = (tx: Sql, id: string) =>
  tx.get<{ status: string }>(`SELECT "status" FROM "GuestSession" WHERE "id" = ?`, id);

export type MigrationRow = {
  guestSessionId: string | null;
  userId: string;
  cartChoice: CartChoice;
  cartItems: number;
  savedForLater: number;
  preferences: boolean;
  events: number;
  orders: number;
};

/** The migration of this guest session, if it happened. */
export async function migrationOf(tx: Sql, guestSessionId: string): Promise<MigrationRow | null> {
  const row = await tx.get<Omit<MigrationRow, "preferences"> & { preferences: boolean | number }>(
    `SELECT "guestSessionId", "userId", "cartChoice", "cartItems", "savedForLater", "preferences", "events", "orders"
     FROM "Migration" WHERE "guestSessionId" = ?`,
    guestSessionId,
  );
  return row ? { ...row, preferences: row.preferences === true || row.preferences === 1 } : null;
}

export type StoredLine = { productId: string; quantity: number; addedAt: Date; name: string; stock: number };

/** A cart's lines with what a merge needs of their products, oldest first. */
export async function linesOf(tx: Sql, cartId: string): Promise<StoredLine[]> {
  const rows = await tx.all<Omit<StoredLine, "addedAt"> & { addedAt: string | Date }>(
    `SELECT ci."productId", ci."quantity", ci."addedAt", p."name", p."stock"
     FROM "CartItem" ci JOIN "Product" p ON p."id" = ci."productId" WHERE ci."cartId" = ? ORDER BY ci."addedAt", ci."id"`,
    cartId,
  );
  return rows.map((r) => ({ ...r, addedAt: new Date(r.addedAt) }));
}

/** Replaces a cart's lines. */
export async function replaceLines(
  tx: Sql,
  cartId: string,
  lines: { productId: string; quantity: number; addedAt: Date }[],
) {
  await tx.run(`DELETE FROM "CartItem" WHERE "cartId" = ?`, cartId);
  await insertRows(
    tx,
    `"CartItem" ("id", "cartId", "productId", "quantity", "addedAt")`,
    lines.map((l) => [newId(), cartId, l.productId, l.quantity, l.addedAt]),
  );
}

/** Adds to the account's saved-for-later line of the product (made when there is none), up to `max`. */
export const addSavedItem = (tx: Sql, userId: string, productId: string, quantity: number, max: number, now: Date) =>
  tx.run(
    `INSERT INTO "SavedItem" AS s ("id", "userId", "productId", "quantity", "savedAt") VALUES (?, ?, ?, ?, ?)
     ON CONFLICT ("userId", "productId") DO UPDATE SET
       "quantity" = CASE WHEN s."quantity" + excluded."quantity" > ? THEN ? ELSE s."quantity" + excluded."quantity" END`,
    newId(),
    userId,
    productId,
    Math.min(quantity, max),
    now,
    max,
    max,
  );

/**
 * What else of the guest's becomes the account's, as GUEST_DATA says (lib/session/guest-data.ts):
 * its orders (only those placed in this guest session), events and messages get the account's id,
 * its leads are converted. How many orders and events moved.
 */
export async function moveGuestRecords(tx: Sql, guestSessionId: string, userId: string, now: Date) {
  const attached = new Map<GuestTable, number>();
  for (const table of guestTables("migration", "attach")) {
    attached.set(
      table,
      await tx.run(
        `UPDATE "${table}" SET "userId" = ? WHERE "guestSessionId" = ? AND "userId" IS NULL`,
        userId,
        guestSessionId,
      ),
    );
  }
  for (const table of guestTables("migration", "convert")) {
    await tx.run(
      `UPDATE "${table}" SET "convertedAt" = ?, "convertedUserId" = ? WHERE "guestSessionId" = ? AND "convertedAt" IS NULL`,
      now,
      userId,
      guestSessionId,
    );
  }
  return { orders: attached.get("Order") ?? 0, events: attached.get("Event") ?? 0 };
}

export const accountOf = (tx: Sql, userId: string) =>
  tx.get<{ preferences: string; variant: string | null }>(
    `SELECT "preferences", "variant" FROM "User" WHERE "id" = ?`,
    userId,
  );

export const updateAccount = (tx: Sql, userId: string, preferences: string, variant: string | null) =>
  tx.run(`UPDATE "User" SET "preferences" = ?, "variant" = ? WHERE "id" = ?`, preferences, variant, userId);

export const insertMigration = (
  tx: Sql,
  m: MigrationRow & { guestSessionId: string; kind: MigrationKind; details: string; createdAt: Date },
) =>
  tx.run(
    `INSERT INTO "Migration" ("id", "guestSessionId", "userId", "kind", "cartChoice", "cartItems", "savedForLater", "preferences",
       "events", "orders", "details", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    newId(),
    m.guestSessionId,
    m.userId,
    m.kind,
    m.cartChoice,
    m.cartItems,
    m.savedForLater,
    m.preferences,
    m.events,
    m.orders,
    m.details,
    m.createdAt,
  );
