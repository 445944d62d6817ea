import type { Metadata } from "next";
import { CatalogView } from "@/components/catalog-view";
import { DEFAULT_CURRENCY } from "@/lib/catalog/currency";

// The catalog in the default currency: the most visited page, served straight from the cache.
// Other currencies and categories are rewritten to app/browse (see next.config.ts).
export const revalidate = 60; // seconds; orders also revalidate at once (lib/server/catalog-pages.ts)

export const metadata: Metadata = { title: "Shop" };

export default function HomePage() {
  return <CatalogView currency={DEFAULT_CURRENCY} />;
}
