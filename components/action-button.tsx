"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { idle, type ActionState } from "@/lib/action-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

/**
 * A form that is one button: it runs a server action and says what happened beside it. With
 * `confirm`, the button first asks (the question, "Yes, …" and "Keep …", focus on keeping,
 * Escape keeps); without JavaScript it acts at once, as a plain form.
 */
export function ActionButton({
  action,
  children,
  pendingText,
  variant = "primary",
  confirm,
}: {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  children: React.ReactNode;
  pendingText: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: { question: string; yes: string; no: string };
}) {
  const [state, run] = useActionState(action, idle);
  const [asking, setAsking] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);
  const stopAsking = () => {
    setAsking(false);
    requestAnimationFrame(() => ask.current?.focus());
  };

  return (
    <form action={run} className="space-y-2">
      {confirm && asking ? (
        <div
          role="group"
          aria-label={confirm.question}
          className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-3"
          onKeyDown={(e) => e.key === "Escape" && stopAsking()}
        >
          <p className="text-sm text-amber-900">{confirm.question}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton variant={variant} pendingText={pendingText}>
              {confirm.yes}
            </SubmitButton>
            <button
              ref={keep}
              type="button"
              onClick={stopAsking}
              className="rounded-full border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:border-brand-600"
            >
              {confirm.no}
            </button>
          </div>
        </div>
      ) : (
        <SubmitButton
          ref={ask}
          variant={variant}
          pendingText={pendingText}
          onClick={
            confirm
              ? (e) => {
                  e.preventDefault();
                  setAsking(true);
                }
              : undefined
          }
        >
          {children}
        </SubmitButton>
      )}
      <FormMessage state={state} />
    </form>
  );
}
