import { newId } from "../db/rows";
import type { Sql } from "../db/sql";

// An order's SQL: the stock it takes and the rows it writes, inside the checkout's hot write.

/** Takes `quantity` of the product's stock, only if that many are left: whether it could. */
export const takeStock = async (tx: Sql, productId: string, quantity: number) =>
  (await tx.run(
    `UPDATE "Product" SET "stock" = "stock" - ? WHERE "id" = ? AND "stock" >= ?`,
    quantity,
    productId,
    quantity,
  )) === 1;

/** A product's name and stock as they are now. */
export const productStock = async (tx: Sql, productId: string) =>
  (await tx.get<{ name: string; stock: number }>(`SELECT "name", "stock" FROM "Product" WHERE "id" = ?`, productId))!;

export type OrderRow = {
  id: string;
  guestSessionId: string | null;
  userId: string | null;
  email: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  country: string;
  currency: string;
  totalAmount: number;
  cardBrand: string;
  cardLast4: string;
  createdAt: Date;
  items: { productId: string; name: string; quantity: number; unitAmount: number }[];
};

/** Writes a paid order and its lines. */
export async function insertOrder(tx: Sql, o: OrderRow): Promise<void> {
  await tx.run(
    `INSERT INTO "Order" ("id", "guestSessionId", "userId", "status", "email", "name", "line1", "line2", "city", "postalCode",
       "country", "currency", "totalAmount", "cardBrand", "cardLast4", "createdAt")
     VALUES (?, ?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    o.id,
    o.guestSessionId,
    o.userId,
    o.email,
    o.name,
    o.line1,
    o.line2,
    o.city,
    o.postalCode,
    o.country,
    o.currency,
    o.totalAmount,
    o.cardBrand,
    o.cardLast4,
    o.createdAt,
  );
  for (const i of o.items) {
    await tx.run(
      `INSERT INTO "OrderItem" ("id", "orderId", "productId", "name", "quantity", "unitAmount") VALUES (?, ?, ?, ?, ?, ?)`,
      newId(),
      o.id,
      i.productId,
      i.name,
      i.quantity,
      i.unitAmount,
    );
  }
}
