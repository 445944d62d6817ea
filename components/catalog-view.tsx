import { CategoryFilter } from "@/components/category-filter";
import { ProductCard } from "@/components/product-card";
import { listCategories, listProducts } from "@/lib/catalog/catalog";
import type { Currency } from "@/lib/catalog/currency";

/** The catalog, in one currency, optionally one category. Nothing personal: pages cache it. */
export async function CatalogView({ currency, category }: { currency: Currency; category?: string }) {
  const categories = await listCategories();
  const active = categories.find((c) => c.slug === category);
  const products = await listProducts(currency, active?.slug);
  const slug = category;

  return (
    <div className="space-y-8">
      <section className="rounded-2xl bg-brand-900 px-6 py-10 text-white sm:px-10">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">Good things for slow mornings</h1>
        <p className="mt-3 max-w-2xl text-brand-100">
          Browse, fill a cart and check out without an account. If you sign up later, everything you did comes with you.
        </p>
      </section>

      <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
        <h2 className="text-xl font-semibold">{active ? active.name : "All products"}</h2>
        <CategoryFilter categories={categories} active={active?.slug} />
      </div>

      {slug && !active ? (
        <p role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900">
          There is no category called “{slug}”. Pick one above.
        </p>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:gap-6 lg:grid-cols-4" aria-label="Products">
          {products.map((p) => (
            <li key={p.id} className="flex">
              <ProductCard product={p} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
