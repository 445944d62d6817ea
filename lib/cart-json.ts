import type { CartView } from "./cart";

/** The cart in PRODUCT.md's JSON shape. */
export function cartJson(cart: CartView) {
  return {
    items: cart.items.map((i) => ({
      productId: i.productId,
      slug: i.slug,
      name: i.name,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
    })),
    subtotal: cart.subtotal,
    savedForLater: [],
  };
}
