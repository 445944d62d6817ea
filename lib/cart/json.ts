import { cartOf, type CartView } from "./cart";
import { readSaved, type SavedLine } from "./saved";
import { currencyOf } from "../session/preferences-model";
import type { Session } from "../session/types";

const line = (i: {
  productId: string;
  slug: string;
  name: string;
  quantity: number;
  unitPrice: CartView["subtotal"];
}) => ({
  productId: i.productId,
  slug: i.slug,
  name: i.name,
  quantity: i.quantity,
  unitPrice: i.unitPrice,
});

/** The cart in the API's documented JSON shape. */
export function cartJson(cart: CartView, saved: SavedLine[] = []) {
  return { items: cart.items.map(line), subtotal: cart.subtotal, savedForLater: saved.map(line) };
}

/** What GET /api/cart answers: the session's cart and, for a member, the saved-for-later list. */
export async function cartWithSavedJson(session: Session | null) {
  const saved = await readSaved(session?.type === "authenticated" ? session.userId : null, currencyOf(session));
  return cartJson(await cartOf(session), saved);
}
