import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { isCurrency, type Currency } from "./currency";

// The catalog and product pages are rendered once per currency and served from Next's cache:
// `/` and `/products/[slug]` in the default currency, and app/browse/[currency]/… for the rest,
// which next.config.js rewrites to from the same public URLs (the currency comes from the
// passerby_currency cookie). Nothing personal is rendered into them (the header's personal
// corner is fetched by the browser), so one cached copy serves every visitor.

/** The `all` category is the whole catalog. */
export const ALL_CATEGORIES = "all";

export function currencyParam(value: string): Currency {
  if (!isCurrency(value)) notFound();
  return value;
}

/** Stock changed (an order was placed): the cached pages render again on their next request. */
export function catalogChanged() {
  revalidatePath("/");
  revalidatePath("/products/[slug]", "page");
  revalidatePath("/browse/[currency]/category/[category]", "page");
  revalidatePath("/browse/[currency]/product/[slug]", "page");
}
