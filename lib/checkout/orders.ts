import type { Currency, Money } from "../catalog/currency";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { requireScope } from "../permissions";
import { ownerOf, type Session } from "../session/types";
import { formatOrderNumber } from "./order-number";

// Orders are visible to the guest session that placed them, or to the account they belong to;
// to anyone else they do not exist (404, also for guessed ids).

type OrderRow = {
  id: string;
  number: string;
  status: string;
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
  guestSessionId: string | null;
  userId: string | null;
  items: { productId: string; name: string; quantity: number; unitAmount: number }[];
};

export function orderJson(o: OrderRow) {
  const currency = o.currency as Currency;
  const money = (amount: number): Money => ({ amount, currency });
  return {
    id: o.id,
    /** The short number shoppers read ("K7M2-9QXD"); the id stays the key in links and routes. */
    number: formatOrderNumber(o.number),
    status: o.status,
    email: o.email,
    items: o.items.map((i) => ({
      productId: i.productId,
      name: i.name,
      quantity: i.quantity,
      unitPrice: money(i.unitAmount),
    })),
    total: money(o.totalAmount),
    shipping: {
      name: o.name,
      line1: o.line1,
      line2: o.line2,
      city: o.city,
      region: o.region,
      postalCode: o.postalCode,
      country: o.country,
    },
    payment: { brand: o.cardBrand, last4: o.cardLast4 },
    createdAt: o.createdAt.toISOString(),
  };
}
export type OrderJson = ReturnType<typeof orderJson>;

export async function listOrders(session: Session | null): Promise<OrderJson[]> {
  if (!session) return [];
  requireScope(session.permissions, "view_orders");
  const rows = await db.order.findMany({
    where: ownerOf(session),
    include: { items: true },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(orderJson);
}

export async function findOrder(session: Session | null, id: string): Promise<OrderJson> {
  const missing = new DomainError("not_found", "There is no such order.");
  if (!session) throw missing;
  requireScope(session.permissions, "view_orders");
  const row = await db.order.findFirst({ where: { id, ...ownerOf(session) }, include: { items: true } });
  if (!row) throw missing;
  return orderJson(row);
}

export type ShippingDefaults = {
  name: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
};

/** A member's name and address from their latest order, offered at checkout; null for guests and first orders. */
export async function lastShipping(session: Session | null): Promise<ShippingDefaults | null> {
  if (session?.type !== "authenticated") return null;
  const o = await db.order.findFirst({
    where: { userId: session.userId },
    orderBy: { createdAt: "desc" },
    select: { name: true, line1: true, line2: true, city: true, region: true, postalCode: true, country: true },
  });
  return o && { ...o, line2: o.line2 ?? "", region: o.region ?? "" };
}
