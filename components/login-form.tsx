"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { logInAction, type LoginState } from "@/actions/login";
import {
  CART_CHOICE_WORDS,
  CART_CHOICES,
  planCartMerge,
  sharedProducts,
  type CartChoice,
  type LineChoice,
  type LineChoices,
  type PlanLine,
} from "@/lib/cart/merge";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

const CHOICES = CART_CHOICES.map((value) => ({ value, ...CART_CHOICE_WORDS[value] }));

const LINE_WORDS: Record<LineChoice, (guest: number, account: number) => string> = {
  sum: (g, a) => `Add them up (${g} + ${a}, up to the stock)`,
  guest: (g, a) => `Keep the ${g} in this browser's cart; save your account's cart's ${a} for later`,
  account: (g, a) => `Keep the ${a} in your account's cart; save this browser's cart's ${g} for later`,
  save: () => "Save both for later",
};

const list = (lines: PlanLine[]) =>
  lines.length ? lines.map((l) => `${l.name} × ${l.quantity}`).join(", ") : "nothing";

export function LoginForm() {
  const [state, action] = useActionState<LoginState, FormData>(logInAction, { status: "idle" });
  // Controlled, so the typed e-mail and password survive the step where a cart choice is asked.
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const shownEmail = email || state.values?.email || "";
  const preview = state.preview;
  // The plans shown follow the line choices as they are made, through the same function the
  // log-in applies (without JavaScript they show the plain policies, which the server rendered).
  const [lineChoices, setLineChoices] = useState<LineChoices>({});
  const shared = preview ? sharedProducts(preview.guestLines, preview.accountLines) : [];
  // A choice made, then sent without the password (it is never sent back to the page, so without
  // JavaScript the field comes back empty): kept, so the next try logs in with it.
  const keptChoice = preview ? undefined : CHOICES.find((c) => c.value === state.values?.cartChoice);
  const keptLines = keptChoice
    ? Object.entries(state.values ?? {}).filter(([name, value]) => name.startsWith("lineChoices.") && value)
    : [];
  // When the choice appears, the focus moves to it (its checked option), so that it is seen, and
  // read out, before anything else: on a phone the "Log in" button is far below it by then.
  const choiceRef = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (!preview) return;
    const radios = choiceRef.current?.querySelectorAll<HTMLInputElement>('input[name="cartChoice"]');
    const checked = [...(radios ?? [])].find((r) => r.checked) ?? radios?.[0];
    checked?.focus();
  }, [preview]);
  const planFor = (choice: CartChoice) =>
    planCartMerge(preview!.guestLines, preview!.accountLines, choice, lineChoices);
  return (
    <form action={action} className="space-y-3" noValidate>
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        value={shownEmail}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required={!state.proof}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        hint={
          state.proof && !password
            ? "No need to type it again: it was checked a moment ago. Choose below, then log in."
            : keptChoice && !password
              ? "Enter your password again: it is never sent back to this page."
              : undefined
        }
      />
      {/* The password checked a moment ago, sealed (lib/accounts/login-proof.ts): the choice needs no second typing. */}
      {state.proof && <input type="hidden" name="proof" value={state.proof} />}
      {keptChoice && (
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-stone-800">
          Your choice for the two carts is kept: <strong>{keptChoice.title}</strong>
          {keptLines.length > 0 &&
            ` (and ${keptLines.length} line-by-line ${keptLines.length === 1 ? "choice" : "choices"})`}
          .
          <input type="hidden" name="cartChoice" value={keptChoice.value} />
          {keptLines.map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
        </p>
      )}

      {preview && (
        <fieldset ref={choiceRef} className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4">
          <legend className="px-1 font-semibold">Two carts: choose what happens</legend>
          <p className="text-sm text-stone-700">
            This browser&apos;s cart has {preview.guestItems} {preview.guestItems === 1 ? "product" : "products"}; your
            account&apos;s cart has {preview.accountItems}. Nothing is thrown away: what doesn&apos;t go into the cart
            is saved for later.
          </p>
          {CHOICES.map((c) => (
            <label key={c.value} className="flex gap-3 rounded-lg border border-stone-200 bg-white p-3">
              <input
                type="radio"
                name="cartChoice"
                value={c.value}
                defaultChecked={c.value === "combine"}
                className="mt-1"
              />
              <span className="text-sm">
                <span className="block font-medium">{c.title}</span>
                <span className="block text-stone-600">{c.explain}</span>
                <span className="mt-1 block">Cart: {list(planFor(c.value).cart)}</span>
                <span className="block">Saved for later: {list(planFor(c.value).savedForLater)}</span>
              </span>
            </label>
          ))}
          {shared.length > 0 && (
            <fieldset className="space-y-2 rounded-lg border border-stone-200 bg-white p-3">
              <legend className="px-1 text-sm font-semibold">In both carts: decide line by line (optional)</legend>
              {shared.map((productId) => {
                const g = preview.guestLines.find((l) => l.productId === productId)!;
                const a = preview.accountLines.find((l) => l.productId === productId)!;
                // Radios, not a select: a closed select cuts its words off on a phone, and these are long.
                return (
                  <fieldset key={productId} className="space-y-1 text-sm">
                    <legend className="font-medium">
                      {g.name}: {g.quantity} in this browser&apos;s cart, {a.quantity} in your account&apos;s cart
                    </legend>
                    {(["", ...Object.keys(LINE_WORDS)] as (LineChoice | "")[]).map((choice) => (
                      <label key={choice} className="flex items-start gap-2">
                        <input
                          type="radio"
                          name={`lineChoices.${productId}`}
                          value={choice}
                          defaultChecked={choice === ""}
                          onChange={() =>
                            setLineChoices((current) => ({ ...current, [productId]: choice || undefined }))
                          }
                          className="mt-1"
                        />
                        <span>{choice ? LINE_WORDS[choice](g.quantity, a.quantity) : "As chosen above"}</span>
                      </label>
                    ))}
                  </fieldset>
                );
              })}
            </fieldset>
          )}
        </fieldset>
      )}

      <p
        aria-live="polite"
        role={state.status === "error" ? "alert" : undefined}
        className={`min-h-5 text-sm ${state.status === "error" ? "text-red-700" : "text-stone-700"}`}
      >
        {state.message ?? ""}
      </p>
      <SubmitButton pendingText="Logging in…" className="w-full py-2.5">
        Log in
      </SubmitButton>
      <p className="text-sm text-stone-600">
        New here?{" "}
        <Link href="/signup" className="font-medium text-brand-700 underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
