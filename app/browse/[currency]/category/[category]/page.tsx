import type { Metadata } from "next";
import { CatalogView } from "@/components/catalog-view";
import { ALL_CATEGORIES, currencyParam, browseCategoryParams } from "@/lib/server/catalog-pages";

// `/?category=…`, and `/` in a currency other than the default (see next.config.ts).
export const revalidate = 60; // seconds; orders also revalidate at once (lib/server/catalog-pages.ts)
export const dynamicParams = false; // real catalog entries only (lib/server/catalog-pages.ts)
export const generateStaticParams = browseCategoryParams;

export const metadata: Metadata = { title: "Shop", alternates: { canonical: "/" } };

type Props = { params: Promise<{ currency: string; category: string }> };

export default async function CategoryPage({ params }: Props) {
  const { currency, category } = await params;
  return (
    <CatalogView currency={currencyParam(currency)} category={category === ALL_CATEGORIES ? undefined : category} />
  );
}
