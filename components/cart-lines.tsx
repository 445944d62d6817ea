"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { undoRemoveAction } from "@/actions/cart";
import { idle } from "@/lib/action-state";
import type { CartLine as Line } from "@/lib/cart/cart";
import { CartLine } from "./cart-line";
import { SubmitButton } from "./submit-button";

/** A removed line, and the line that followed it (Undo puts it back before that one). */
type Removed = { productId: string; name: string; quantity: number; before?: string };

/**
 * The cart's lines. When one line goes (Remove, or a quantity of 0), the focus goes to the line
 * that took its place (or the one before it; Undo when none is left), never to <body>, and
 * "Removed X · Undo" says what happened and offers it back; after Undo the focus goes to the
 * line that came back, where it was. The forms are server actions: without JavaScript they still work (the
 * page comes back without the line), only Undo is missing. `empty` shows when no line is left.
 */
export function CartLines({ lines, empty }: { lines: Line[]; empty: React.ReactNode }) {
  const [removed, setRemoved] = useState<Removed | null>(null);
  const [focus, setFocus] = useState<{ to: string } | null>(null); // a product id, or "" for Undo
  const [seen, setSeen] = useState(lines);
  const items = useRef(new Map<string, HTMLLIElement>());
  const undoButton = useRef<HTMLButtonElement>(null);
  const [undoState, undo] = useActionState(undoRemoveAction, idle);

  // The page comes back from the server after each action: compare its lines with the last ones.
  if (lines !== seen) {
    setSeen(lines);
    const gone = seen.filter((l) => !lines.some((n) => n.productId === l.productId));
    if (removed && lines.some((l) => l.productId === removed.productId)) {
      setRemoved(null); // back in the cart (Undo, or added again from its page)
      setFocus({ to: removed.productId });
    } else if (gone.length === 1 && gone[0] && lines.length === seen.length - 1) {
      const [line] = gone;
      const at = seen.indexOf(line);
      const next = seen[at + 1] ?? seen[at - 1];
      setRemoved({
        productId: line.productId,
        name: line.name,
        quantity: line.quantity,
        before: seen[at + 1]?.productId,
      });
      setFocus({ to: next?.productId ?? "" });
    }
  }

  useEffect(() => {
    if (focus) (focus.to === "" ? undoButton.current : items.current.get(focus.to))?.focus();
  }, [focus]);

  return (
    <>
      {removed && (
        <div
          role="status"
          className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm"
        >
          <span>Removed {removed.name}</span>
          <form action={undo}>
            <input type="hidden" name="productId" value={removed.productId} />
            <input type="hidden" name="quantity" value={removed.quantity} />
            {removed.before && <input type="hidden" name="before" value={removed.before} />}
            <SubmitButton
              ref={undoButton}
              variant="secondary"
              pendingText="Putting it back…"
              aria-label={`Undo: put ${removed.name} back`}
            >
              Undo
            </SubmitButton>
          </form>
          {undoState.status === "error" && <span className="text-red-700">{undoState.message}</span>}
        </div>
      )}
      {lines.length === 0 ? (
        empty
      ) : (
        <ul
          className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white px-5"
          aria-label="Cart items"
        >
          {lines.map((line) => (
            <CartLine
              key={line.productId}
              line={line}
              itemRef={(li) => {
                if (li) items.current.set(line.productId, li);
                else items.current.delete(line.productId);
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}
