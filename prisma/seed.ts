import { db, disconnect } from "../lib/db/client";
import { categories, products } from "./catalog-data";

/** Seeds the catalog when it is empty; returns whether it did. Safe to run on every start. */
export async function seedIfEmpty(): Promise<boolean> {
  if ((await db.product.count()) > 0) return false;
  await db.$transaction(async (tx) => {
    for (const [position, c] of categories.entries()) {
      await tx.category.create({ data: { slug: c.slug, name: c.name, position } });
    }
    const ids = new Map((await tx.category.findMany()).map((c) => [c.slug, c.id]));
    for (const p of products) {
      await tx.product.create({
        data: {
          slug: p.slug,
          name: p.name,
          description: p.description,
          priceCents: p.priceCents,
          stock: p.stock,
          image: `/images/${p.slug}.svg`,
          categoryId: ids.get(p.category)!,
        },
      });
    }
  });
  return true;
}

// `npm run db:seed` and `prisma db seed` run this file directly.
if (process.argv[1]?.endsWith("seed.ts")) {
  seedIfEmpty()
    .then((seeded) => console.log(seeded ? `Seeded ${products.length} products.` : "Catalog already seeded."))
    .finally(() => disconnect());
}
