"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { addToCartAction } from "@/app/cart/actions";
import { idle } from "@/lib/action-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";
import { useVisitor } from "./visitor";

export function AddToCartForm({ productId, maxQuantity }: { productId: string; maxQuantity: number }) {
  const [state, formAction, isPending] = useActionState(addToCartAction, idle);
  const [quantity, setQuantity] = useState(1);
  const { setPendingAdds, refresh } = useVisitor();
  const wasPending = useRef(false);
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
              <option key={n} value={n}>{n}</option>
            ))}
          </select>
        </label>
        <SubmitButton pendingText="Adding…" className="px-6 py-2.5">Add to cart</SubmitButton>
      </div>
      <FormMessage state={state} id="add-to-cart-message" />
    </form>
  );
}
