import Image from "next/image";
import Link from "next/link";
import type { CatalogProduct } from "@/lib/catalog";
import { Price } from "./price";
import { StockBadge } from "./stock-badge";

export function ProductCard({ product }: { product: CatalogProduct }) {
  return (
    <article className="group relative flex flex-col overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm transition hover:shadow-md">
      <Image
        src={product.image}
        alt=""
        width={400}
        height={400}
        className="aspect-square w-full bg-stone-100 object-cover"
        unoptimized
      />
      <div className="flex flex-1 flex-col gap-1 p-4">
        <p className="text-xs font-medium uppercase tracking-wide text-stone-500">{product.category.name}</p>
        <h2 className="font-semibold">
          <Link href={`/products/${product.slug}`} className="after:absolute after:inset-0 focus-visible:outline-none">
            {product.name}
          </Link>
        </h2>
        <div className="mt-auto flex items-baseline justify-between pt-2">
          <Price money={product.price} className="text-lg font-semibold text-brand-900" />
          <StockBadge stock={product.stock} />
        </div>
      </div>
    </article>
  );
}
