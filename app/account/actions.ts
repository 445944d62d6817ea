"use server";

import { redirect } from "next/navigation";
import { addPaymentMethod, addPaymentMethodInput, paymentMethodRef, removePaymentMethod } from "@/lib/accounts/payment-methods";
import { lineInput } from "@/lib/cart/cart";
import { moveSavedToCart, removeSaved } from "@/lib/cart/saved";
import { withContext } from "@/lib/server/context";
import { formAction } from "@/lib/server/form-action";
import { endSession } from "@/lib/session/session";

export async function logOutAction(): Promise<void> {
  await withContext(endSession);
  redirect("/");
}

export const moveToCartAction = formAction(
  lineInput,
  async (ctx, { productId }) => {
    await moveSavedToCart(ctx, productId);
    return "Moved to your cart.";
  },
  { refresh: true },
);

export const removeSavedAction = formAction(
  lineInput,
  async (ctx, { productId }) => {
    await removeSaved(ctx.session, productId);
    return "Removed from your saved items.";
  },
  { refresh: true },
);

export const addPaymentMethodAction = formAction(
  addPaymentMethodInput,
  async (ctx, input) => {
    await addPaymentMethod(ctx.session, input);
    return "Card saved.";
  },
  { refresh: true },
);

export const removePaymentMethodAction = formAction(
  paymentMethodRef,
  async (ctx, { id }) => {
    await removePaymentMethod(ctx.session, id);
    return "Card removed.";
  },
  { refresh: true },
);
