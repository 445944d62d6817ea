"use client";

import Link from "next/link";
import { useActionState } from "react";
import { moveToCartAction, removeSavedAction } from "@/actions/account";
import { idle } from "@/lib/action-state";
import { formatMoney } from "@/lib/catalog/currency";
import type { SavedLine as Line } from "@/lib/cart/saved";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export function SavedLine({ line }: { line: Line }) {
  const [moveState, move] = useActionState(moveToCartAction, idle);
  const [removeState, remove] = useActionState(removeSavedAction, idle);
  const state = removeState.status !== "idle" ? removeState : moveState;
  return (
    <li aria-label={line.name} className="flex flex-wrap items-center gap-3 py-3">
      <div className="flex-1">
        <Link href={`/products/${line.slug}`} className="font-medium hover:text-brand-700">
          {line.name}
        </Link>
        <p className="text-sm text-stone-500">
          {line.quantity} × {formatMoney(line.unitPrice)}
        </p>
      </div>
      <form action={move}>
        <input type="hidden" name="productId" value={line.productId} />
        <SubmitButton variant="secondary" pendingText="Moving…" aria-label={`Move to cart: ${line.name}`}>
          Move to cart
        </SubmitButton>
      </form>
      <form action={remove}>
        <input type="hidden" name="productId" value={line.productId} />
        <SubmitButton variant="danger" pendingText="Removing…" aria-label={`Remove ${line.name} from saved items`}>
          Remove
        </SubmitButton>
      </form>
      <FormMessage state={state} />
    </li>
  );
}
