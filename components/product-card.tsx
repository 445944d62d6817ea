import Link from "next/link";
import type { CatalogProduct } from "@/lib/catalog/catalog";
import { Price } from "./price";
import { StockBadge } from "./stock-badge";

// The catalog repeats this card for every product, in the HTML and again in the page's RSC
// payload: its styles live in globals.css (.product-card) so each copy stays small. The images
// are small SVGs that need no optimising, so a plain <img> does.
export function ProductCard({ product }: { product: CatalogProduct }) {
  return (
    <article className="product-card">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={product.image} alt="" width={400} height={400} loading="lazy" decoding="async" />
      <div>
        <p>{product.category.name}</p>
        <h2>
          <Link href={`/products/${product.slug}`}>{product.name}</Link>
        </h2>
        <footer>
          <Price money={product.price} />
          <StockBadge stock={product.stock} />
        </footer>
      </div>
    </article>
  );
}
