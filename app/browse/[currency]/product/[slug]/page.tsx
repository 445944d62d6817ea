import type { Metadata } from "next";
import { productMetadata, ProductView } from "@/components/product-view";
import { currencyParam, browseProductParams } from "@/lib/server/catalog-pages";

// `/products/[slug]` in a currency other than the default (see next.config.ts).
export const revalidate = 60; // seconds; orders also revalidate at once (lib/server/catalog-pages.ts)
export const dynamicParams = false; // real catalog entries only (lib/server/catalog-pages.ts)
export const generateStaticParams = browseProductParams;

type Props = { params: Promise<{ currency: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return productMetadata((await params).slug);
}

export default async function ProductPage({ params }: Props) {
  const { currency, slug } = await params;
  return <ProductView currency={currencyParam(currency)} slug={slug} />;
}
