"use server";

import { refresh } from "next/cache";
import { type ActionState, failed, formNumber, formOf, ok } from "@/lib/action-state";
import { addItemInput, addToCart, changeCartQuantity, setQuantityInput } from "@/lib/cart";
import { redirect } from "next/navigation";
import { DomainError } from "@/lib/errors";
import { emailMyCart, leadInput, restoreCart, type RestoreResult } from "@/lib/leads";
import { requestOrigin } from "@/lib/request";

export async function addToCartAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  try {
    const input = addItemInput.parse({ productId: form.get("productId"), quantity: formNumber(form.get("quantity")) });
    await addToCart(input);
  } catch (error) {
    return failed(error);
  }
  // The page (static) does not change; the header's count refetches itself after the form.
  return ok("Added to your cart.");
}

export async function updateQuantityAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  try {
    const { quantity } = setQuantityInput.parse({ quantity: formNumber(form.get("quantity")) });
    await changeCartQuantity(String(form.get("productId")), quantity);
  } catch (error) {
    return failed(error);
  }
  refresh();
  return ok(formNumber(form.get("quantity")) === 0 ? "Removed from your cart." : "Quantity updated.");
}

export async function removeFromCartAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  try {
    await changeCartQuantity(String(form.get("productId")), 0);
  } catch (error) {
    return failed(error);
  }
  refresh();
  return ok("Removed from your cart.");
}

export async function emailCartAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  const values = { email: String(form.get("email") ?? "") };
  try {
    const sent = await emailMyCart(leadInput.parse({ email: form.get("email") }), await requestOrigin());
    return ok(`Sent to ${sent.email}. This demo sends no mail: find the message in your outbox.`);
  } catch (error) {
    return failed(error, values);
  }
}

/**
 * The button on /cart/restore/[token]: adds the e-mailed cart to this browser's cart, once. A
 * POST (a server action, which Next refuses from another site), so a cross-site link to the
 * restore page changes nothing. Lands on /cart (a relative address: the host the shopper used),
 * which says what happened.
 */
export async function restoreCartAction(form: FormData): Promise<void> {
  form = formOf(form);
  const result: RestoreResult = await restoreCart(String(form.get("token") ?? "")).catch((error: unknown) => {
    // Refused before the link was used (a rate limit, a missing permission): it still works later.
    if (error instanceof DomainError) return { status: "refused" as const };
    throw error;
  });
  const query = new URLSearchParams();
  if (result.status === "restored") {
    query.set("restored", String(result.added));
    if (result.unavailable > 0) query.set("unavailable", String(result.unavailable));
  } else {
    query.set("restore", result.status);
  }
  redirect(`/cart?${query}`);
}
