"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { type ActionState, failed, formOf, ok } from "@/lib/action-state";
import { addPaymentMethod, addPaymentMethodInput, removePaymentMethod } from "@/lib/payment-methods";
import { moveSavedToCart, removeSaved } from "@/lib/saved-for-later";
import { endCurrentSession, sessionForAction } from "@/lib/session";

export async function logOutAction(): Promise<void> {
  await endCurrentSession();
  redirect("/");
}

export async function moveToCartAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  try {
    await moveSavedToCart(await sessionForAction(), String(form.get("productId")));
  } catch (error) {
    return failed(error);
  }
  refresh();
  return ok("Moved to your cart.");
}

export async function removeSavedAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  try {
    await removeSaved(await sessionForAction(), String(form.get("productId")));
  } catch (error) {
    return failed(error);
  }
  refresh();
  return ok("Removed from your saved items.");
}

export async function addPaymentMethodAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  const values = { "card.expMonth": String(form.get("card.expMonth") ?? ""), "card.expYear": String(form.get("card.expYear") ?? "") };
  try {
    const input = addPaymentMethodInput.parse({
      card: { number: form.get("card.number"), expMonth: form.get("card.expMonth"), expYear: form.get("card.expYear"), cvc: form.get("card.cvc") },
      password: form.get("password"),
    });
    await addPaymentMethod(await sessionForAction(), input);
  } catch (error) {
    return failed(error, values);
  }
  refresh();
  return ok("Card saved.");
}

export async function removePaymentMethodAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  try {
    await removePaymentMethod(await sessionForAction(), String(form.get("id")));
  } catch (error) {
    return failed(error);
  }
  refresh();
  return ok("Card removed.");
}
