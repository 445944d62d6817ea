import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddToCartForm } from "@/components/add-to-cart-form";
import { Price } from "@/components/price";
import { StockBadge } from "@/components/stock-badge";
import { findProduct } from "@/lib/catalog";
import { currencyParam } from "@/lib/catalog-pages";
import { DEFAULT_CURRENCY } from "@/lib/currency";

// Served at `/products/[slug]` (see next.config.js); cached, rendered on first request.
export const revalidate = 60; // CATALOG_REVALIDATE_SECONDS: segment config must be a literal
export const generateStaticParams = async () => [];

type Props = { params: Promise<{ currency: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await findProduct((await params).slug, DEFAULT_CURRENCY);
  return { title: product?.name ?? "Product not found", alternates: { canonical: `/products/${(await params).slug}` } };
}

export default async function ProductPage({ params }: Props) {
  const { currency, slug } = await params;
  const product = await findProduct(slug, currencyParam(currency));
  if (!product) notFound();

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link href="/" className="hover:text-brand-700">Shop</Link>
        <span aria-hidden> / </span>
        <Link href={`/?category=${product.category.slug}`} className="hover:text-brand-700">
          {product.category.name}
        </Link>
      </nav>
      <div className="grid gap-8 md:grid-cols-2">
        <Image
          src={product.image}
          alt={product.name}
          width={600}
          height={600}
          priority
          unoptimized
          className="aspect-square w-full rounded-2xl border border-stone-200 bg-white object-cover"
        />
        <div className="flex flex-col gap-4">
          <h1 className="text-3xl font-semibold tracking-tight">{product.name}</h1>
          <Price money={product.price} className="text-2xl font-semibold text-brand-900" />
          <StockBadge stock={product.stock} />
          <p className="leading-relaxed text-stone-700">{product.description}</p>
          <AddToCartForm productId={product.id} maxQuantity={Math.min(product.stock, 99)} />
        </div>
      </div>
    </div>
  );
}
