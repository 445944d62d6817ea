"use server";

import { redirect } from "next/navigation";
import { changePassword, changePasswordInput, deleteAccount, deleteAccountInput } from "@/lib/accounts/account";
import { addPaymentMethod, addPaymentMethodInput, paymentMethodRef, removePaymentMethod } from "@/lib/accounts/payment-methods";
import { claimOrders, requestOrderClaim } from "@/lib/accounts/order-claims";
import { endOtherSessions, endSessionByHandle } from "@/lib/accounts/sessions";
import { z } from "zod";
import { lineInput } from "@/lib/cart/cart";
import { moveSavedToCart, removeSaved } from "@/lib/cart/saved";
import { withContext } from "@/lib/server/context";
import { buttonAction, formAction } from "@/lib/server/form-action";
import { endSession } from "@/lib/session/session";

export async function logOutAction(): Promise<void> {
  await withContext(endSession);
  redirect("/login?loggedOut=1"); // which says so
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

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Ends the session named by its handle, or every other session when none is named. */
export const endSessionsAction = formAction(
  z.strictObject({ id: z.string().min(1).max(64).optional() }),
  async (ctx, { id }) => {
    if (!id) {
      const ended = await endOtherSessions(ctx);
      return ended === 0 ? "There were no other sessions to end." : `Ended ${plural(ended, "other session")}.`;
    }
    const { current } = await endSessionByHandle(ctx, id);
    if (current) redirect("/login?ended=1");
    return "That session has ended: its browser is logged out on its next request.";
  },
  { refresh: true },
);

export const changePasswordAction = formAction(
  changePasswordInput,
  async (ctx, input) => {
    const { endedSessions } = await changePassword(ctx, input);
    return `Your password is changed.${endedSessions > 0 ? ` ${plural(endedSessions, "other session")} ended.` : ""}`;
  },
  { refresh: true },
);

export const deleteAccountAction = formAction(deleteAccountInput, async (ctx, input) => {
  const { removed, ordersAnonymised } = await deleteAccount(ctx, input);
  const counts = { sessions: removed.sessions, cards: removed.savedCards, saved: removed.savedItems, orders: ordersAnonymised };
  redirect(`/account/deleted?${new URLSearchParams(Object.entries(counts).map(([k, v]) => [k, String(v)]))}`);
});

export const requestOrderClaimAction = buttonAction(async (ctx) => {
  const { sentTo } = await requestOrderClaim(ctx);
  return `We sent a link to ${sentTo}. Open it from your outbox while signed in: it works once, for 30 minutes.`;
});

/** The button on /account/claim/[token]: uses the link, then /account says how many orders moved. */
export async function claimOrdersAction(form: FormData): Promise<void> {
  const token = form instanceof FormData ? String(form.get("token") ?? "") : "";
  const result = await withContext((ctx) => claimOrders(ctx, token));
  redirect(result.status === "claimed" ? `/account?claimed=${result.orders}` : `/account/claim/${encodeURIComponent(token)}`);
}
