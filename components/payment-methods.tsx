"use client";

import { useActionState } from "react";
import { addPaymentMethodAction, removePaymentMethodAction } from "@/actions/account";
import { fieldError, idle } from "@/lib/action-state";
import { ErrorSummary, fieldlessOf, problemsOf } from "./error-summary";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

export function RemoveCardButton({ id, label }: { id: string; label: string }) {
  const [state, action] = useActionState(removePaymentMethodAction, idle);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="danger" pendingText="Removing…" aria-label={`Remove ${label}`}>
        Remove
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

const CARD_FIELDS = [
  { name: "card.number", label: "Card number" },
  { name: "card.expMonth", label: "Expiry month" },
  { name: "card.expYear", label: "Expiry year" },
  { name: "card.cvc", label: "CVC" },
  { name: "password", label: "Your password" },
];

export function AddCardForm() {
  const [state, action] = useActionState(addPaymentMethodAction, idle);
  const err = (k: string) => fieldError(state, k);
  return (
    <form action={action} className="space-y-2" noValidate key={JSON.stringify(state)}>
      <ErrorSummary
        state={state}
        problems={problemsOf(state, CARD_FIELDS)}
        fieldless={fieldlessOf(state, CARD_FIELDS)}
        level={3}
      />
      <TextField
        label="Card number"
        name="card.number"
        inputMode="numeric"
        autoComplete="cc-number"
        error={err("card.number")}
      />
      <div className="grid grid-cols-3 gap-3">
        <TextField
          label="Expiry month"
          name="card.expMonth"
          inputMode="numeric"
          placeholder="MM"
          defaultValue={state.values?.["card.expMonth"]}
          error={err("card.expMonth")}
        />
        <TextField
          label="Expiry year"
          name="card.expYear"
          inputMode="numeric"
          placeholder="YYYY"
          defaultValue={state.values?.["card.expYear"]}
          error={err("card.expYear")}
        />
        <TextField label="CVC" name="card.cvc" inputMode="numeric" error={err("card.cvc")} />
      </div>
      <TextField
        label="Your password"
        name="password"
        type="password"
        autoComplete="current-password"
        error={err("password")}
        hint="Saving a card asks for your password again."
      />
      {state.status === "ok" && (
        <p aria-live="polite" className="text-sm text-brand-700">
          {state.message}
        </p>
      )}
      <SubmitButton pendingText="Saving…">Save card</SubmitButton>
    </form>
  );
}
