"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { addToCartAction } from "@/actions/cart";
import { idle, type ActionState } from "@/lib/action-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";
import { useVisitor } from "./visitor";

export function AddToCartForm({ productId, maxQuantity }: { productId: string; maxQuantity: number }) {
  const [state, formAction, isPending] = useActionState(addToCartAction, idle);
  const [quantity, setQuantity] = useState(1);
  const { setPendingAdds, refresh } = useVisitor();
  const wasPending = useRef(false);
  const button = useRef<HTMLButtonElement>(null);
  const [closedFor, setClosedFor] = useState<ActionState | null>(null);
  const added = closedFor === state ? undefined : state.added;
  const close = () => {
    setClosedFor(state);
    button.current?.focus();
  };
  useEffect(() => {
    // Count the items optimistically while adding; drop the guess once the real count is in.
    if (isPending) setPendingAdds(quantity);
    else if (wasPending.current) void refresh().then(() => setPendingAdds(0));
    wasPending.current = isPending;
  }, [isPending, quantity, setPendingAdds, refresh]);

  if (maxQuantity <= 0) return <p className="text-stone-600">This product is out of stock.</p>;
  const choices = Array.from({ length: Math.min(maxQuantity, 10) }, (_, i) => i + 1);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="productId" value={productId} />
      <div className="flex items-end gap-3">
        <label className="flex flex-col text-sm font-medium">
          Quantity
          <select
            name="quantity"
            value={quantity}
            onChange={(e) => setQuantity(Number(e.target.value))}
            aria-describedby="add-to-cart-message"
            className="mt-1 rounded-lg border border-stone-300 bg-white px-3 py-2"
          >
            {choices.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <SubmitButton ref={button} pendingText="Adding…" className="px-6 py-2.5">
          Add to cart
        </SubmitButton>
      </div>
      <FormMessage state={state} id="add-to-cart-message" />
      {added && <AddedToCart key={JSON.stringify(added)} added={added} onClose={close} />}
    </form>
  );
}

const KEEP_SHOPPING = "rounded-full px-4 py-2 text-sm font-medium text-stone-700 underline-offset-2 hover:underline";
// Whether this render runs in the browser (hydrated): false in the server's HTML, which is all a
// browser without JavaScript ever gets.
const noSubscription = () => () => {};
const onClient = () => true;
const onServer = () => false;

/**
 * What the add did and the ways on: the line, the subtotal, "View cart" and "Checkout". It takes
 * the focus when it appears (so the next Tab reaches its links); Escape or "Keep shopping" gives
 * it back to the button.
 */
function AddedToCart({ added, onClose }: { added: NonNullable<ActionState["added"]>; onClose: () => void }) {
  const panel = useRef<HTMLDivElement>(null);
  const scripted = useSyncExternalStore(noSubscription, onClient, onServer);
  useEffect(() => panel.current?.focus(), []);
  const items = `${added.count} ${added.count === 1 ? "item" : "items"}`;
  return (
    <div
      ref={panel}
      tabIndex={-1}
      role="region"
      aria-label="Added to your cart"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
      className="space-y-3 rounded-xl border border-brand-100 bg-brand-50 p-4"
    >
      <p className="font-medium text-stone-900">
        {added.name} × {added.quantity}
        {added.inCart > added.quantity && (
          <span className="font-normal text-stone-600"> · {added.inCart} in your cart</span>
        )}
      </p>
      <p className="text-sm text-stone-700">
        Subtotal ({items}): <span className="font-semibold text-stone-900">{added.subtotal}</span>
      </p>
      <div className="flex flex-wrap gap-2">
        <Link
          href="/cart"
          className="rounded-full border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:border-brand-600"
        >
          View cart
        </Link>
        <Link
          href="/checkout"
          className="rounded-full bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900"
        >
          Checkout
        </Link>
        {/* With JavaScript it closes this panel; without (the page the form's post rendered), it goes back to the shop. */}
        {scripted ? (
          <button type="button" onClick={onClose} className={KEEP_SHOPPING}>
            Keep shopping
          </button>
        ) : (
          <Link href="/" className={KEEP_SHOPPING}>
            Keep shopping
          </Link>
        )}
      </div>
    </div>
  );
}
