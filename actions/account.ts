"use server";

import { redirect } from "next/navigation";
import { changePassword, changePasswordInput, deleteAccount, deleteAccountInput } from "@/lib/accounts/account";
import {
  addPaymentMethod,
  addPaymentMethodInput,
  paymentMethodRef,
  removePaymentMethod,
} from "@/lib/accounts/payment-methods";
import { claimOrders, requestOrderClaim } from "@/lib/accounts/order-claims";
import { endOtherSessions, endSessionByHandle } from "@/lib/accounts/sessions";
import { z } from "zod";
import { lineInput } from "@/lib/cart/cart";
import { moveSavedToCart, removeSaved } from "@/lib/cart/saved";
import { withContext } from "@/lib/server/context";
import { buttonAction, formAction } from "@/lib/server/form-action";
import { DomainError } from "@/lib/errors";
import { setFlash } from "@/lib/server/flash";
import { endSession } from "@/lib/session/request";
import { explainEnd } from "@/lib/session/end";
import { type SessionEnd } from "@/lib/session/types";

export async function logOutAction(): Promise<void> {
  await withContext(endSession);
  await setFlash({ kind: "logged_out", reason: "asked" });
  redirect("/login"); // which says so
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

/**
 * Ends the session named by its handle, or every other session when none is named. Ending this
 * browser's own session logs it out, so it is asked first: the answer names the step to confirm,
 * and the form sends `confirm` (a second step that needs no JavaScript). The JSON API asks nothing.
 */
export const endSessionsAction = formAction(
  z.strictObject({ id: z.string().min(1).max(64).optional(), confirm: z.literal("yes").optional() }),
  async (ctx, { id, confirm }) => {
    if (!id) {
      const ended = await endOtherSessions(ctx);
      return ended === 0 ? "There were no other sessions to end." : `Ended ${plural(ended, "other session")}.`;
    }
    if (ctx.session?.type === "authenticated" && ctx.session.publicId === id && !confirm) {
      return { status: "ok", message: "Ending this session logs you out in this browser.", confirm: id };
    }
    const { current } = await endSessionByHandle(ctx, id);
    if (current) {
      await setFlash({ kind: "logged_out", reason: "ended_here" });
      redirect("/login");
    }
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
  // What was removed is said by a flash, not the address: a crafted /account/deleted?… says nothing.
  await setFlash({
    kind: "account_deleted",
    sessions: removed.sessions,
    cards: removed.savedCards,
    saved: removed.savedItems,
    orders: ordersAnonymised,
  });
  redirect("/account/deleted");
});

export const requestOrderClaimAction = buttonAction(async (ctx) => {
  const { sentTo } = await requestOrderClaim(ctx);
  return `We sent a link to ${sentTo}. Open it from your outbox while signed in: it works once, for 30 minutes.`;
});

/**
 * The button on /account/claim/[token]: uses the link, then /account says how many orders moved.
 * A plain form action, outside formAction, so it answers every refusal itself: a guest, or a
 * member whose session ended since the page was shown (another tab, expiry), lands back on the
 * claim page, which says why and offers the log-in; never an error page.
 */
export async function claimOrdersAction(form: FormData): Promise<void> {
  const token = form instanceof FormData ? String(form.get("token") ?? "").slice(0, 200) : "";
  const back = token ? `/account/claim/${encodeURIComponent(token)}` : "/account";
  let ended: SessionEnd | null = null;
  const result = await withContext((ctx) => {
    ended = ctx.endedSession;
    return claimOrders(ctx, token);
  }).catch((error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    return { status: "refused" as const, message: (explainEnd(error, ended) as DomainError).message };
  });
  if (result.status === "claimed") {
    await setFlash({ kind: "orders_claimed", orders: result.orders });
    redirect("/account");
  }
  if (result.status === "refused") await setFlash({ kind: "claim_refused", message: result.message });
  redirect(back); // which says why (used, expired, another account's)
}
