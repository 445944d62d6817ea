"use client";

import { startTransition, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { MAX_LINE_QUANTITY } from "@/lib/cart/merge";

const noSubscription = () => () => {};

/**
 * A cart line's quantity: − / a number / +. With JavaScript a new quantity applies by itself: a
 * moment after the last press of − or +, or after typing, at once on Enter or on leaving the field
 * (0 removes the line). It never goes past what is in stock nor past the per-line cap, and says so
 * beside it when it reaches one. Without JavaScript, − and + are not shown: the number is sent by the
 * form's Update button (cart-line.tsx).
 */
export function QuantityStepper({
  productId,
  name,
  quantity,
  stock,
  describedBy,
  apply,
}: {
  productId: string;
  name: string;
  quantity: number;
  stock: number;
  /** The id of the line's message (what the last change did). */
  describedBy: string;
  apply: (form: FormData) => void;
}) {
  const max = Math.max(quantity, Math.min(stock, MAX_LINE_QUANTITY));
  const scripted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [value, setValue] = useState(String(quantity));
  // The page comes back with the quantity the server kept: show it.
  const [shown, setShown] = useState(quantity);
  if (quantity !== shown) {
    setShown(quantity);
    setValue(String(quantity));
  }
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const clamp = (n: number) => Math.min(Math.max(0, n), max);
  const typed = Number.parseInt(value, 10);
  const current = Number.isNaN(typed) ? quantity : clamp(typed);
  const send = (n: number) => {
    clearTimeout(timer.current);
    timer.current = undefined;
    setValue(String(n));
    if (n === quantity) return;
    const form = new FormData();
    form.set("productId", productId);
    form.set("quantity", String(n));
    startTransition(() => apply(form));
  };
  const later = (n: number, ms: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => send(n), ms);
  };
  const step = (by: number) => {
    const n = clamp(current + by);
    setValue(String(n));
    later(n, 400); // several quick presses make one change
  };

  const limitId = `line-${productId}-limit`;
  const atLimit = current >= max || (!Number.isNaN(typed) && typed > max);
  const limit =
    stock <= MAX_LINE_QUANTITY ? `Only ${stock} in stock.` : `At most ${MAX_LINE_QUANTITY} of one product in a cart.`;
  const buttonClass =
    "h-9 w-9 rounded-full border border-stone-300 bg-white text-lg leading-none aria-disabled:text-stone-400";

  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <div className="flex items-center gap-1">
        {scripted && (
          <button
            type="button"
            className={buttonClass}
            aria-label={`Decrease quantity of ${name}`}
            aria-disabled={current <= 0 || undefined}
            onClick={() => current > 0 && step(-1)}
          >
            −
          </button>
        )}
        <label>
          <span className="sr-only">Quantity of {name}</span>
          <input
            type="number"
            name="quantity"
            inputMode="numeric"
            min={0}
            max={max}
            value={value}
            aria-describedby={atLimit ? `${limitId} ${describedBy}` : describedBy}
            onChange={(event) => {
              const text = event.currentTarget.value;
              setValue(text);
              const n = Number.parseInt(text, 10);
              if (!Number.isNaN(n)) later(clamp(n), 1200);
            }}
            onBlur={() => send(current)}
            onKeyDown={(event) => {
              if (event.key !== "Enter") return;
              event.preventDefault();
              send(current);
            }}
            className="w-16 rounded-lg border border-stone-300 bg-white px-2 py-1.5 text-center"
          />
        </label>
        {scripted && (
          <button
            type="button"
            className={buttonClass}
            aria-label={`Increase quantity of ${name}`}
            aria-disabled={current >= max || undefined}
            aria-describedby={current >= max ? limitId : undefined}
            onClick={() => current < max && step(1)}
          >
            +
          </button>
        )}
      </div>
      {atLimit && (
        <p id={limitId} className="text-sm text-stone-600">
          {limit}
        </p>
      )}
    </div>
  );
}
