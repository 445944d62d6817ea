"use client";

import Link from "next/link";
import { useActionState } from "react";
import { emailCartAction } from "@/actions/cart";
import { idle } from "@/lib/action-state";
import { ErrorSummary } from "./error-summary";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

/** "E-mail me my cart": a lead for the shop, a single-use restore link for the shopper, kept `keptFor` ("7 days"). */
export function EmailCartForm({ keptFor }: { keptFor: string }) {
  const [state, action] = useActionState(emailCartAction, idle);
  const error = state.status === "error" ? state.message : undefined;
  return (
    <section
      id="email-cart"
      aria-labelledby="email-cart-heading"
      className="rounded-xl border border-stone-200 bg-white p-5"
    >
      <h2 id="email-cart-heading" className="text-lg font-semibold">
        E-mail me my cart
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        Get a link that opens this cart in any browser, on any device. It works once, for {keptFor}, also if you leave
        the shop meanwhile; not after you check out, log in or sign up with this cart, or end your session.
      </p>
      {error && (
        <div className="mt-3">
          <ErrorSummary state={state} problems={[{ id: "email", label: "Your e-mail", message: error }]} level={3} />
        </div>
      )}
      <form action={action} className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-start" noValidate>
        <div className="flex-1">
          <TextField
            label="Your e-mail"
            name="email"
            type="email"
            autoComplete="email"
            defaultValue={state.values?.email}
            error={error}
          />
        </div>
        <SubmitButton pendingText="Sending…" className="sm:mt-6">
          Send me my cart
        </SubmitButton>
      </form>
      {state.status === "ok" && (
        <p role="status" className="text-sm text-brand-900">
          {state.message}{" "}
          <Link href="/outbox" className="font-medium underline">
            Open the outbox
          </Link>
        </p>
      )}
    </section>
  );
}
