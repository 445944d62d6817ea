import type { Ctx } from "../session/context";
import { addItem, countCartWrite, ownerOf } from "./cart";
import { requireScope } from "../permissions";
import { convert, type Currency, type Money } from "../catalog/currency";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { requireMember, type Session } from "../session/types";

// An account's "saved for later" list: where cart items go at log-in instead of being dropped.

export type SavedLine = {
  productId: string;
  slug: string;
  name: string;
  image: string;
  quantity: number;
  stock: number;
  unitPrice: Money;
};

export async function readSaved(userId: string | null, currency: Currency): Promise<SavedLine[]> {
  if (!userId) return [];
  const rows = await db.savedItem.findMany({
    where: { userId },
    include: { product: true },
    orderBy: [{ savedAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    productId: r.productId,
    slug: r.product.slug,
    name: r.product.name,
    image: r.product.image,
    quantity: r.quantity,
    stock: r.product.stock,
    unitPrice: convert(r.product.priceCents, currency),
  }));
}

const member = (session: Session | null): string =>
  requireMember(session, "Log in to use your saved-for-later list.").userId;

async function savedLine(userId: string, productId: string) {
  const line = await db.savedItem.findUnique({ where: { userId_productId: { userId, productId } } });
  if (!line) throw new DomainError("not_saved");
  return line;
}

/** Moves a saved line back into the cart (cart rules apply: stock and 99), then forgets it. */
export async function moveSavedToCart(ctx: Ctx, productId: string): Promise<void> {
  const userId = member(ctx.session);
  requireScope(ctx.session!.permissions, "add_to_cart");
  const line = await savedLine(userId, productId);
  const session = await countCartWrite(ctx);
  await addItem(ownerOf(session), { productId, quantity: line.quantity });
  await db.savedItem.delete({ where: { id: line.id } });
}

export async function removeSaved(session: Session | null, productId: string): Promise<void> {
  const userId = member(session);
  const line = await savedLine(userId, productId);
  await db.savedItem.delete({ where: { id: line.id } });
}
