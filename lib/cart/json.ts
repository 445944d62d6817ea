import type { CartView } from "./cart";
import type { SavedLine } from "./saved";

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
