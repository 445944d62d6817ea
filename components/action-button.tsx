"use client";

import { useActionState } from "react";
import { idle, type ActionState } from "@/lib/action-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

/** A form that is one button: it runs a server action and says what happened beside it. */
export function ActionButton({
  action, children, pendingText, variant = "primary",
}: {
  action: (previous: ActionState, form: FormData) => Promise<ActionState>;
  children: React.ReactNode;
  pendingText: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const [state, run] = useActionState(action, idle);
  return (
    <form action={run} className="space-y-2">
      <SubmitButton variant={variant} pendingText={pendingText}>{children}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
