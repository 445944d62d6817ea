import { newId } from "../db/rows";
import { newOrderNumber } from "./order-number";
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
  number: string;
  guestSessionId: string | null;
  userId: string | null;
  email: string;
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  currency: string;
  totalAmount: number;
  cardBrand: string;
  cardLast4: string;
  createdAt: Date;
  items: { productId: string; name: string; quantity: number; unitAmount: number }[];
};

/** Writes a paid order and its lines, under a new order number: the row as written. */
export async function insertOrder(tx: Sql, order: Omit<OrderRow, "number">): Promise<OrderRow> {
  let o: OrderRow;
  // A number already taken writes nothing (ON CONFLICT on its unique index): draw another.
  do {
    o = { ...order, number: newOrderNumber() };
  } while (
    (await tx.run(
      `INSERT INTO "Order" ("id", "number", "guestSessionId", "userId", "status", "email", "name", "line1", "line2", "city",
         "region", "postalCode", "country", "currency", "totalAmount", "cardBrand", "cardLast4", "createdAt")
       VALUES (?, ?, ?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("number") DO NOTHING`,
      o.id,
      o.number,
      o.guestSessionId,
      o.userId,
      o.email,
      o.name,
      o.line1,
      o.line2,
      o.city,
      o.region,
      o.postalCode,
      o.country,
      o.currency,
      o.totalAmount,
      o.cardBrand,
      o.cardLast4,
      o.createdAt,
    )) === 0
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
  return o;
}
