"use client";

import Image from "next/image";
import Link from "next/link";
import { useActionState } from "react";
import { removeFromCartAction, updateQuantityAction } from "@/actions/cart";
import { idle } from "@/lib/action-state";
import type { CartLine as Line } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/catalog/currency";
import { FormMessage } from "./form-message";
import { QuantityStepper } from "./quantity-stepper";
import { SubmitButton } from "./submit-button";

/** One line of the cart (its forms are server actions, so they work without JavaScript too). */
export function CartLine({ line, itemRef }: { line: Line; itemRef: (li: HTMLLIElement | null) => void }) {
  const [updateState, update] = useActionState(updateQuantityAction, idle);
  const [removeState, remove] = useActionState(removeFromCartAction, idle);
  const messageId = `line-${line.productId}-message`;
  const state = removeState.status !== "idle" ? removeState : updateState;
  return (
    <li ref={itemRef} tabIndex={-1} className="flex gap-4 py-5" aria-label={line.name}>
      <Image
        src={line.image}
        alt=""
        width={96}
        height={96}
        unoptimized
        className="h-16 w-16 shrink-0 rounded-lg border border-stone-200 bg-white sm:h-24 sm:w-24"
      />
      {/* min-w-0: the line may shrink to a 320 px screen instead of pushing the page sideways. */}
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
          <div>
            <Link href={`/products/${line.slug}`} className="font-semibold hover:text-brand-700">
              {line.name}
            </Link>
            <p className="text-sm text-stone-500">{formatMoney(line.unitPrice)} each</p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <form action={update} className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="productId" value={line.productId} />
              <QuantityStepper
                productId={line.productId}
                name={line.name}
                quantity={line.quantity}
                stock={line.stock}
                describedBy={messageId}
                apply={update}
              />
              <noscript>
                <SubmitButton variant="secondary" pendingText="Updating…">
                  Update
                </SubmitButton>
              </noscript>
            </form>
            <form action={remove}>
              <input type="hidden" name="productId" value={line.productId} />
              <SubmitButton variant="danger" pendingText="Removing…" aria-label={`Remove ${line.name}`}>
                Remove
              </SubmitButton>
            </form>
          </div>
          <p className="font-semibold sm:w-28 sm:text-right" data-testid="line-total">
            {formatMoney(line.lineTotal)}
          </p>
        </div>
        <FormMessage state={state} id={messageId} />
      </div>
    </li>
  );
}
