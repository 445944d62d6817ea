"use server";

import { redirect } from "next/navigation";
import { ok } from "@/lib/action-state";
import {
  addItemInput,
  addToCart,
  cartOf,
  changeCartQuantity,
  lineInput,
  lineQuantityInput,
  undoRemove,
  undoRemoveInput,
} from "@/lib/cart/cart";
import { formatMoney } from "@/lib/catalog/currency";
import { emailMyCart, leadInput, restoreCart, type RestoreResult } from "@/lib/cart/leads";
import { DomainError } from "@/lib/errors";
import { withContext } from "@/lib/server/context";
import { formAction } from "@/lib/server/form-action";
import { setFlash } from "@/lib/server/flash";

// The page (static) does not change; the header's count refetches itself after the form. The
// answer carries the line and the subtotal, for the confirmation beside the button.
export const addToCartAction = formAction(addItemInput, async (ctx, input) => {
  const cart = await cartOf(await addToCart(ctx, input));
  const line = cart.items.find((i) => i.productId === input.productId || i.slug === input.slug);
  const added = line && {
    name: line.name,
    quantity: input.quantity,
    inCart: line.quantity,
    subtotal: formatMoney(cart.subtotal),
    count: cart.count,
  };
  return { ...ok("Added to your cart."), added };
});

export const updateQuantityAction = formAction(
  lineQuantityInput,
  async (ctx, { productId, quantity }) => {
    await changeCartQuantity(ctx, productId, quantity);
    return quantity === 0 ? "Removed from your cart." : "Quantity updated.";
  },
  { refresh: true },
);

export const removeFromCartAction = formAction(
  lineInput,
  async (ctx, { productId }) => {
    await changeCartQuantity(ctx, productId, 0);
    return "Removed from your cart.";
  },
  { refresh: true },
);

/** "Undo" after a removal: the line comes back with the quantity it had, where it was. */
export const undoRemoveAction = formAction(
  undoRemoveInput,
  async (ctx, input) => {
    await undoRemove(ctx, input);
    return "Back in your cart.";
  },
  { refresh: true },
);

export const emailCartAction = formAction(leadInput, async (ctx, input) => {
  const sent = await emailMyCart(ctx, input);
  return `Sent to ${sent.email}. This demo sends no mail: find the message in your outbox.`;
});

/**
 * The button on /cart/restore/[token]: adds the e-mailed cart to this browser's cart, once. A
 * POST (a server action, which Next refuses from another site), so a cross-site link to the
 * restore page changes nothing. Lands on /cart (a relative address: the host the shopper used),
 * which says what happened.
 */
export async function restoreCartAction(form: FormData): Promise<void> {
  const token = form instanceof FormData ? String(form.get("token") ?? "") : "";
  const result: RestoreResult = await withContext((ctx) => restoreCart(ctx, token)).catch((error: unknown) => {
    // Refused before the link was used (a rate limit, a missing permission): it still works later.
    if (error instanceof DomainError) return { status: "refused" as const };
    throw error;
  });
  // What happened is told by a flash, never the address: a crafted /cart?… link would say anything.
  await setFlash(
    result.status === "restored"
      ? { kind: "cart_restore", ...result }
      : { kind: "cart_restore", status: result.status, added: 0, unavailable: 0 },
  );
  redirect("/cart");
}
