import Link from "next/link";
import { formatMoney } from "@/lib/catalog/currency";
import type { SavedLine as Line } from "@/lib/cart/saved";
import { SubmitButton } from "./submit-button";

type Action = (form: FormData) => void;

/** One saved line; its forms' actions and what they answer belong to the list (saved-lines.tsx). */
export function SavedLine({
  line,
  move,
  remove,
  itemRef,
  onMove,
  onRemove,
}: {
  line: Line;
  move: Action;
  remove: Action;
  itemRef: (li: HTMLLIElement | null) => void;
  onMove: () => void;
  onRemove: () => void;
}) {
  return (
    <li ref={itemRef} tabIndex={-1} aria-label={line.name} className="flex flex-wrap items-center gap-3 py-3">
      {/* On a phone the name has the whole row, the buttons go under it (not three squeezed lines). */}
      <div className="w-full sm:w-auto sm:flex-1">
        <Link href={`/products/${line.slug}`} className="font-medium hover:text-brand-700">
          {line.name}
        </Link>
        <p className="text-sm text-stone-500">
          {line.quantity} × {formatMoney(line.unitPrice)}
        </p>
      </div>
      <form action={move} onSubmit={onMove}>
        <input type="hidden" name="productId" value={line.productId} />
        <SubmitButton variant="secondary" pendingText="Moving…" aria-label={`Move to cart: ${line.name}`}>
          Move to cart
        </SubmitButton>
      </form>
      <form action={remove} onSubmit={onRemove}>
        <input type="hidden" name="productId" value={line.productId} />
        <SubmitButton variant="danger" pendingText="Removing…" aria-label={`Remove ${line.name} from saved items`}>
          Remove
        </SubmitButton>
      </form>
    </li>
  );
}
