"use server";

import { type ActionState, failed, formOf, ok } from "@/lib/action-state";
import { setPreferences } from "@/lib/preferences";
import { preferencesInput } from "@/lib/preferences-model";

export async function setCurrencyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  try {
    await setPreferences(preferencesInput.parse({ currency: form.get("currency") }));
  } catch (error) {
    return failed(error);
  }
  // The switcher refreshes the page itself: see components/currency-switcher.tsx.
  return ok("Prices now show in your currency.");
}
