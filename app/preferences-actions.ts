"use server";

import { formAction } from "@/lib/server/form-action";
import { setPreferences } from "@/lib/session/preferences";
import { preferencesInput } from "@/lib/session/preferences-model";

// The switcher refreshes the page itself: see components/currency-switcher.tsx.
export const setCurrencyAction = formAction(preferencesInput, async (ctx, input) => {
  await setPreferences(ctx, input);
  return "Prices now show in your currency.";
});
