"use client";

import { startTransition, useActionState, useState } from "react";
import { checkoutAction } from "@/actions/checkout";
import { fieldError, formError, idle, type FieldPath } from "@/lib/action-state";
import type { CheckoutInput } from "@/lib/checkout/checkout";
import type { ShippingDefaults } from "@/lib/checkout/orders";
import { US_STATES } from "@/lib/checkout/countries";
import { ErrorSummary } from "./error-summary";
import { SubmitButton } from "./submit-button";
import { SelectField } from "./select-field";
import { TextField } from "./text-field";

type SavedCard = { id: string; label: string };

/** Fields that show their own error (by label, in the order of the form); any other error shows in the summary, at the top. */
const LABELS: Partial<Record<FieldPath<CheckoutInput>, string>> = {
  email: "E-mail",
  name: "Full name",
  "address.line1": "Address",
  "address.line2": "Apartment, suite",
  "address.city": "City",
  "address.region": "State or region",
  "address.postalCode": "Postal code",
  "address.country": "Country",
  "card.number": "Card number",
  "card.expMonth": "Expiry month",
  "card.expYear": "Expiry year",
  "card.cvc": "CVC",
};
const FIELDS = Object.keys(LABELS) as FieldPath<CheckoutInput>[];

/** What a page that comes back without the card number or the CVC says beside them. */
const TYPE_AGAIN = {
  "card.number": "Type the card number again: it is never sent back to this page.",
  "card.cvc": "Type the security code again: it is never sent back to this page.",
} as const;
type Secret = keyof typeof TYPE_AGAIN;
const isSecret = (k: string): k is Secret => Object.hasOwn(TYPE_AGAIN, k);

export function CheckoutForm({
  defaultEmail,
  shipping,
  countries,
  savedCards,
  totalLabel,
}: {
  defaultEmail: string;
  shipping: ShippingDefaults | null;
  countries: [string, string][];
  savedCards: SavedCard[];
  totalLabel: string;
}) {
  const [state, action, pending] = useActionState(checkoutAction, idle);
  const [payWith, setPayWith] = useState(savedCards[0]?.id ?? "new");
  const v = (k: string, fallback = "") => state.values?.[k] ?? fallback;
  // The region field follows the country: a state for the US, free text elsewhere.
  const [country, setCountry] = useState(v("address.country", shipping?.country ?? "US"));
  // The card number and the CVC are never sent back to the page (lib/server/form-fields.ts says
  // why), so a page that comes back without them (no JavaScript) says beside each to type it
  // again. Controlled, so the form knows when they are empty; with JavaScript they keep what was typed.
  const [secrets, setSecrets] = useState<Record<Secret, string>>({ "card.number": "", "card.cvc": "" });
  const typeAgain = (k: FieldPath<CheckoutInput>) =>
    isSecret(k) && state.status === "error" && state.retype?.includes(k) && !secrets[k] ? TYPE_AGAIN[k] : undefined;
  const err = (k: FieldPath<CheckoutInput>) =>
    [fieldError(state, k), typeAgain(k)].filter(Boolean).join(" ") || undefined;
  const secretField = (k: Secret) => ({
    value: secrets[k],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setSecrets((typed) => ({ ...typed, [k]: value }));
    },
  });
  const fieldless = formError(state, FIELDS);
  const problems = FIELDS.flatMap((f) => {
    const message = err(f);
    return message ? [{ id: f, label: LABELS[f]!, message }] : [];
  });
  // With JavaScript the form is sent without React's form reset: the fields (card included) keep
  // what was typed, and their elements stay, so their messages are announced. Without it, the
  // form posts and the page comes back with what was typed (but secrets) refilled.
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(() => action(form));
  };
  return (
    <form action={action} onSubmit={submit} className="space-y-6" noValidate>
      <ErrorSummary state={state} problems={problems} fieldless={fieldless} purpose="before the order can be placed" />
      <fieldset className="space-y-2">
        <legend className="mb-2 text-lg font-semibold">Contact</legend>
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={v("email", defaultEmail)}
          error={err("email")}
          hint="We send the order confirmation here. We never link it to an account on our own."
        />
        <TextField
          label="Full name"
          name="name"
          autoComplete="name"
          defaultValue={v("name", shipping?.name)}
          error={err("name")}
        />
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="mb-2 text-lg font-semibold">Shipping address</legend>
        {shipping && (
          <p className="text-sm text-stone-600">
            Filled in from your last order: change anything that is different this time.
          </p>
        )}
        <TextField
          label="Address"
          name="address.line1"
          autoComplete="address-line1"
          defaultValue={v("address.line1", shipping?.line1)}
          error={err("address.line1")}
        />
        <TextField
          label="Apartment, suite (optional)"
          name="address.line2"
          autoComplete="address-line2"
          defaultValue={v("address.line2", shipping?.line2)}
          error={err("address.line2")}
        />
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField
            label="City"
            name="address.city"
            autoComplete="address-level2"
            defaultValue={v("address.city", shipping?.city)}
            error={err("address.city")}
          />
          {country === "US" ? (
            <SelectField
              label="State"
              name="address.region"
              defaultValue={v("address.region", shipping?.region)}
              autoComplete="address-level1"
              error={err("address.region")}
              placeholder="Choose a state"
              options={Object.entries(US_STATES)}
            />
          ) : (
            <TextField
              label="State, province or region (optional)"
              name="address.region"
              autoComplete="address-level1"
              defaultValue={v("address.region", shipping?.region)}
              error={err("address.region")}
            />
          )}
          <TextField
            label="Postal code"
            name="address.postalCode"
            autoComplete="postal-code"
            defaultValue={v("address.postalCode", shipping?.postalCode)}
            error={err("address.postalCode")}
          />
        </div>
        <SelectField
          label="Country"
          name="address.country"
          value={country}
          onChange={(event) => setCountry(event.currentTarget.value)}
          autoComplete="country"
          error={err("address.country")}
          options={countries}
        />
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="mb-2 text-lg font-semibold">Payment</legend>
        <p className="text-sm text-stone-600">
          Demo payments: 4242 4242 4242 4242 is approved, 4000 0000 0000 0002 is declined. Any future expiry, any 3
          digits.
        </p>
        {savedCards.length > 0 && (
          <div role="radiogroup" aria-label="Pay with" className="space-y-2">
            {[...savedCards, { id: "new", label: "A new card" }].map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="paymentMethodId"
                  value={c.id}
                  checked={payWith === c.id}
                  onChange={() => setPayWith(c.id)}
                />
                {c.label}
              </label>
            ))}
          </div>
        )}
        {payWith === "new" && (
          <>
            <TextField
              label="Card number"
              name="card.number"
              inputMode="numeric"
              autoComplete="cc-number"
              {...secretField("card.number")}
              error={err("card.number")}
            />
            <div className="grid grid-cols-3 gap-3">
              <TextField
                label="Expiry month"
                name="card.expMonth"
                inputMode="numeric"
                placeholder="MM"
                autoComplete="cc-exp-month"
                defaultValue={v("card.expMonth")}
                error={err("card.expMonth")}
              />
              <TextField
                label="Expiry year"
                name="card.expYear"
                inputMode="numeric"
                placeholder="YYYY"
                autoComplete="cc-exp-year"
                defaultValue={v("card.expYear")}
                error={err("card.expYear")}
              />
              <TextField
                label="CVC"
                name="card.cvc"
                inputMode="numeric"
                autoComplete="cc-csc"
                {...secretField("card.cvc")}
                error={err("card.cvc")}
              />
            </div>
          </>
        )}
      </fieldset>

      <SubmitButton pendingText="Placing your order…" pending={pending} className="w-full py-3 text-base">
        Place order · {totalLabel}
      </SubmitButton>
    </form>
  );
}
