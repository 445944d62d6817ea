import { z } from "zod";
import { CURRENCIES, DEFAULT_CURRENCY, type Currency } from "./currency";

// A session's or an account's preferences, stored as a JSON object. Unknown or bad values read
// as unset, so an old row can never break a page.

export const preferencesInput = z.strictObject({
  currency: z.enum(CURRENCIES, { error: `currency must be one of ${CURRENCIES.join(", ")}.` }),
});

export type Preferences = { currency?: Currency };

const stored = z.object({ currency: z.enum(CURRENCIES).optional().catch(undefined) }).catch({});

export function parsePreferences(json: string): Preferences {
  try {
    return stored.parse(JSON.parse(json));
  } catch {
    return {};
  }
}

export const currencyOf = (p: Preferences): Currency => p.currency ?? DEFAULT_CURRENCY;
