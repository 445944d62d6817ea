"use server";

import { failed, ok, type ActionState } from "@/lib/action-state";
import { setPreferences } from "@/lib/preferences";
import { preferencesInput } from "@/lib/preferences-model";

export async function setCurrencyAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    await setPreferences(preferencesInput.parse({ currency: form.get("currency") }));
  } catch (error) {
    return failed(error);
  }
  // The switcher refreshes the page itself: see components/currency-switcher.tsx.
  return ok("Prices now show in your currency.");
}
