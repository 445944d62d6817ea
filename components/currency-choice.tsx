"use client";

import { useActionState } from "react";
import { setCurrencyAction } from "@/actions/preferences";
import { idle } from "@/lib/action-state";
import { CURRENCIES, type Currency } from "@/lib/catalog/currency";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

/** The /currency page's form: the current currency chosen, and back to `returnTo` once set. */
export function CurrencyChoice({ current, returnTo }: { current: Currency; returnTo: string }) {
  const [state, action] = useActionState(setCurrencyAction, idle);
  return (
    <form action={action} className="space-y-3">
      <label htmlFor="currency-choice" className="block text-sm font-medium">
        Show prices in
      </label>
      <select
        id="currency-choice"
        name="currency"
        defaultValue={current}
        className="w-full rounded-lg border border-stone-300 bg-white px-3 py-2"
      >
        {CURRENCIES.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <input type="hidden" name="back" value="1" />
      <input type="hidden" name="returnTo" value={returnTo} />
      <SubmitButton pendingText="Saving…">Use this currency</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
