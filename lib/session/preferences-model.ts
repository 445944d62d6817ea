import { z } from "zod";
import { CURRENCIES, DEFAULT_CURRENCY, type Currency } from "../catalog/currency";

// A session's or an account's preferences (stored as JSON: preferencesColumn, ./store.ts).

export const preferencesInput = z.strictObject({
  currency: z.enum(CURRENCIES, { error: `currency must be one of ${CURRENCIES.join(", ")}.` }),
});

export type Preferences = { currency?: Currency };

/** The currency a session (or an account) shops in; the default without a session. */
export const currencyOf = (holder: { preferences: Preferences } | null): Currency =>
  holder?.preferences.currency ?? DEFAULT_CURRENCY;
