// Fixed demo exchange rates: the catalog is priced in USD cents and every other currency is
// derived here, so a price shown anywhere (pages or API) comes from one conversion.

import { Currency } from "../generated/prisma/enums";

/** The currencies: the Currency enum of prisma/schema.prisma (orders store theirs). */
export const CURRENCIES = Object.values(Currency) as [Currency, ...Currency[]];
export type { Currency };
export const DEFAULT_CURRENCY: Currency = "USD";

/** Units of the currency per US dollar (demo figures, not market rates). */
const USD_RATES: Record<Currency, number> = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 150 };
/** Digits after the decimal point: yen have no minor unit. */
const MINOR_DIGITS: Record<Currency, number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0 };

export type Money = { amount: number; currency: Currency };

export function isCurrency(value: unknown): value is Currency {
  return typeof value === "string" && (CURRENCIES as readonly string[]).includes(value);
}

/** A USD-cent price in `currency`'s minor unit, rounded to a whole unit. */
export function convert(usdCents: number, currency: Currency): Money {
  const major = (usdCents / 100) * USD_RATES[currency];
  return { amount: Math.round(major * 10 ** MINOR_DIGITS[currency]), currency };
}

/** Unit price times quantity, summed in the target currency (each line converted once). */
export function lineTotal(usdCents: number, quantity: number, currency: Currency): Money {
  return { amount: convert(usdCents, currency).amount * quantity, currency };
}

export function formatMoney({ amount, currency }: Money): string {
  const digits = MINOR_DIGITS[currency];
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount / 10 ** digits);
}
