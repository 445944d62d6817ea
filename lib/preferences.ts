import { DEFAULT_CURRENCY, type Currency } from "./currency";

/** The currency prices are shown in for the current visitor. */
export async function shopperCurrency(): Promise<Currency> {
  return DEFAULT_CURRENCY;
}
