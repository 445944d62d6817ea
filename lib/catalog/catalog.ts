import { db } from "../db/client";
import { convert, type Currency, type Money } from "./currency";

export type CatalogProduct = {
  id: string;
  slug: string;
  name: string;
  description: string;
  category: { slug: string; name: string };
  price: Money;
  stock: number;
  image: string;
};

const include = { category: { select: { slug: true, name: true } } } as const;

type Row = {
  id: string;
  slug: string;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  image: string;
  category: { slug: string; name: string };
};

function toCatalogProduct(p: Row, currency: Currency): CatalogProduct {
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    category: p.category,
    price: convert(p.priceCents, currency),
    stock: p.stock,
    image: p.image,
  };
}

export async function listCategories() {
  return db.category.findMany({ orderBy: { position: "asc" }, select: { slug: true, name: true } });
}

export async function listProductSlugs(): Promise<string[]> {
  return (await db.product.findMany({ select: { slug: true }, orderBy: { slug: "asc" } })).map((p) => p.slug);
}

/** Products in catalog order, optionally in one category (an unknown slug matches nothing). */
export async function listProducts(currency: Currency, categorySlug?: string): Promise<CatalogProduct[]> {
  const rows = await db.product.findMany({
    where: categorySlug ? { category: { slug: categorySlug } } : undefined,
    include,
    orderBy: [{ category: { position: "asc" } }, { name: "asc" }],
  });
  return rows.map((p) => toCatalogProduct(p, currency));
}

export async function findProduct(slug: string, currency: Currency): Promise<CatalogProduct | null> {
  const row = await db.product.findUnique({ where: { slug }, include });
  return row ? toCatalogProduct(row, currency) : null;
}
