"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useSyncExternalStore } from "react";
import { setCurrencyAction } from "@/actions/preferences";
import { idle } from "@/lib/action-state";
import { CURRENCIES, DEFAULT_CURRENCY } from "@/lib/catalog/currency";
import { SubmitButton } from "./submit-button";
import { useVisitor } from "./visitor";

const noSubscription = () => () => {};

/**
 * Changing the currency is a preference, so it starts a guest session when there is none. It
 * changes only when asked ("Set"): an arrow key through the list changes nothing, and the focus
 * stays where it is.
 */
export function CurrencySwitcher() {
  const [state, formAction] = useActionState(setCurrencyAction, idle);
  const { visitor, refresh } = useVisitor();
  const router = useRouter();
  // False in the server's HTML, true once React runs in the browser (no effect, no second render).
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  useEffect(() => {
    if (state.status !== "ok") return;
    // A fresh request, carrying the new currency cookie, so that next.config.ts's rewrites
    // pick the cached catalog copy in that currency.
    router.refresh();
    void refresh();
  }, [state, refresh, router]);
  const current = visitor?.currency ?? DEFAULT_CURRENCY;
  return (
    <form action={formAction} className="flex items-center gap-1">
      <label htmlFor="currency" className="sr-only">
        Currency
      </label>
      <select
        id="currency"
        name="currency"
        defaultValue={current}
        key={current}
        className="rounded-full border border-stone-300 bg-white px-2 py-1.5 text-sm"
      >
        {CURRENCIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      {!enhanced && <input type="hidden" name="back" value="1" />}
      <SubmitButton variant="secondary" pendingText="Setting…" className="px-2 py-1.5">
        Set
      </SubmitButton>
      {state.status === "error" && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
