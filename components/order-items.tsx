import type { Money } from "@/lib/catalog/currency";
import { Price } from "./price";

type Item = { productId: string; name: string; quantity: number; unitPrice: Money };

/** An order's lines and what was paid: the order page and the e-mailed order link show the same. */
export function OrderItems({ items, total }: { items: Item[]; total: Money }) {
  return (
    <section aria-labelledby="items" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="items" className="mb-3 text-lg font-semibold">
        Items
      </h2>
      <ul aria-label="Order items" className="space-y-2">
        {items.map((i) => (
          <li key={i.productId} className="flex justify-between">
            <span>
              {i.name} × {i.quantity}
            </span>
            <Price money={{ amount: i.unitPrice.amount * i.quantity, currency: i.unitPrice.currency }} />
          </li>
        ))}
      </ul>
      <p className="mt-3 flex justify-between border-t border-stone-200 pt-3 font-semibold">
        <span>Total paid</span>
        <Price money={total} />
      </p>
    </section>
  );
}
