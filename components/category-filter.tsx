type Category = { slug: string; name: string };

// Plain links, not <Link>: `/?category=…` is served by a server-side rewrite (next.config.ts),
// and the client router would reuse the cached `/`, which does not depend on the query.
export function CategoryFilter({ categories, active }: { categories: Category[]; active?: string }) {
  const items = [{ slug: undefined, name: "All" }, ...categories];
  return (
    <nav aria-label="Categories">
      <ul className="flex flex-wrap gap-2">
        {items.map((c) => {
          const current = c.slug === active;
          return (
            <li key={c.slug ?? "all"}>
              <a
                href={c.slug ? `/?category=${c.slug}` : "/"}
                aria-current={current ? "page" : undefined}
                className={`inline-block rounded-full border px-4 py-1.5 text-sm font-medium transition ${
                  current
                    ? "border-brand-700 bg-brand-700 text-white"
                    : "border-stone-300 bg-white text-stone-700 hover:border-brand-600"
                }`}
              >
                {c.name}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
