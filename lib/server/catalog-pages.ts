import "server-only";
import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { listCategories, listProductSlugs } from "../catalog/catalog";
import { CURRENCIES, DEFAULT_CURRENCY, isCurrency, type Currency } from "../catalog/currency";

// The catalog and product pages are rendered once per currency and served from Next's cache:
// `/` and `/products/[slug]` in the default currency, and app/browse/[currency]/… for the rest,
// which next.config.ts rewrites to from the same public URLs (the currency comes from the
// passerby_currency cookie). Nothing personal is rendered into them (the header's personal
// corner is fetched by the browser), so one cached copy serves every visitor.

/** The `all` category is the whole catalog. */
export const ALL_CATEGORIES = "all";

// Only real catalog entries are rendered and cached. The pages list them (generateStaticParams,
// read from the database the build prepares) and set `dynamicParams = false`, so a made-up slug,
// category or currency is a 404 that leaves no copy behind: strangers cannot fill the disk.
// A product added to the database later is served after the next build (`npm start` rebuilds
// when the sources change; run `npm run build` after changing the catalog by hand).

const OTHER_CURRENCIES = CURRENCIES.filter((c) => c !== DEFAULT_CURRENCY);

export const productPageParams = async () => (await listProductSlugs()).map((slug) => ({ slug }));

export async function browseProductParams() {
  const slugs = await listProductSlugs();
  return OTHER_CURRENCIES.flatMap((currency) => slugs.map((slug) => ({ currency, slug })));
}

export async function browseCategoryParams() {
  const categories = [ALL_CATEGORIES, ...(await listCategories()).map((c) => c.slug)];
  return CURRENCIES.flatMap((currency) => categories.map((category) => ({ currency, category })));
}

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
