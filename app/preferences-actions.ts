"use server";

import { revalidatePath } from "next/cache";
import { failed, ok, type ActionState } from "@/lib/action-state";
import { setPreferences } from "@/lib/preferences";
import { preferencesInput } from "@/lib/preferences-model";

export async function setCurrencyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    await setPreferences(preferencesInput.parse({ currency: form.get("currency") }));
  } catch (error) {
    return failed(error);
  }
  revalidatePath("/", "layout");
  return ok("Prices now show in your currency.");
}
