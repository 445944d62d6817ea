import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { isCurrency, type Currency } from "./currency";

// The catalog and product pages are rendered once per currency and served from Next's cache:
// next.config.js rewrites `/?category=…` and `/products/[slug]` to /browse/[currency]/…, picking
// the currency from the passerby_currency cookie. Nothing personal is rendered into them (the
// header's personal corner is fetched by the browser), so one cached copy serves every visitor.

/** Seconds a cached catalog page may be served before it is rendered again in the background. */
export const CATALOG_REVALIDATE_SECONDS = 60;

/** The `all` category is the whole catalog. */
export const ALL_CATEGORIES = "all";

export function currencyParam(value: string): Currency {
  if (!isCurrency(value)) notFound();
  return value;
}

/** Stock changed (an order was placed): the cached pages render again on their next request. */
export function catalogChanged() {
  revalidatePath("/browse/[currency]/category/[category]", "page");
  revalidatePath("/browse/[currency]/product/[slug]", "page");
}
