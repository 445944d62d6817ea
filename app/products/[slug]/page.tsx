import type { Metadata } from "next";
import { productMetadata, ProductView } from "@/components/product-view";
import { productPageParams } from "@/lib/server/catalog-pages";
import { DEFAULT_CURRENCY } from "@/lib/catalog/currency";

// A product in the default currency, cached as it is first served; other currencies are
// rewritten to app/browse (see next.config.ts).
export const revalidate = 60; // seconds; orders also revalidate at once (lib/server/catalog-pages.ts)
export const dynamicParams = false; // real catalog entries only (lib/server/catalog-pages.ts)
export const generateStaticParams = productPageParams;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return productMetadata((await params).slug);
}

export default async function ProductPage({ params }: Props) {
  return <ProductView currency={DEFAULT_CURRENCY} slug={(await params).slug} />;
}
