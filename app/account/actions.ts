"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { failed, ok, type ActionState } from "@/lib/action-state";
import { moveSavedToCart, removeSaved } from "@/lib/saved-for-later";
import { endCurrentSession, sessionForAction } from "@/lib/session";

export async function logOutAction(): Promise<void> {
  await endCurrentSession();
  redirect("/");
}

export async function moveToCartAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    await moveSavedToCart(await sessionForAction(), String(form.get("productId")));
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/", "layout");
  return ok("Moved to your cart.");
}

export async function removeSavedAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    await removeSaved(await sessionForAction(), String(form.get("productId")));
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/", "layout");
  return ok("Removed from your saved items.");
}
