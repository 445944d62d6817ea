import Link from "next/link";
import { notFound } from "next/navigation";
import { AddToCartForm } from "@/components/add-to-cart-form";
import { Price } from "@/components/price";
import { StockBadge } from "@/components/stock-badge";
import { MAX_LINE_QUANTITY } from "@/lib/cart/merge";
import { findProduct } from "@/lib/catalog/catalog";
import { DEFAULT_CURRENCY, type Currency } from "@/lib/catalog/currency";

export async function productMetadata(slug: string) {
  const product = await findProduct(slug, DEFAULT_CURRENCY);
  return { title: product?.name ?? "Product not found", alternates: { canonical: `/products/${slug}` } };
}

/** One product, in one currency; an unknown slug is a 404. Nothing personal: pages cache it. */
export async function ProductView({ currency, slug }: { currency: Currency; slug: string }) {
  const product = await findProduct(slug, currency);
  if (!product) notFound();

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-500">
        <Link href="/" className="hover:text-brand-700">
          Shop
        </Link>
        <span aria-hidden> / </span>
        {/* A plain link: see components/category-filter.tsx. */}
        <a href={`/?category=${product.category.slug}`} className="hover:text-brand-700">
          {product.category.name}
        </a>
      </nav>
      <div className="grid gap-8 md:grid-cols-2">
        {/* eslint-disable-next-line @next/next/no-img-element -- small SVGs: nothing to optimise */}
        <img
          src={product.image}
          alt={product.name}
          width={600}
          height={600}
          fetchPriority="high"
          className="aspect-square w-full rounded-2xl border border-stone-200 bg-white object-cover"
        />
        <div className="flex flex-col gap-4">
          <h1 className="text-3xl font-semibold tracking-tight">{product.name}</h1>
          <Price money={product.price} className="text-2xl font-semibold text-brand-900" />
          <StockBadge stock={product.stock} />
          <p className="leading-relaxed text-stone-700">{product.description}</p>
          <AddToCartForm productId={product.id} maxQuantity={Math.min(product.stock, MAX_LINE_QUANTITY)} />
        </div>
      </div>
    </div>
  );
}
