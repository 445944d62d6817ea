"use client";

import { useActionState } from "react";
import { endSessionAction, startSessionAction } from "@/app/session/actions";
import { idle } from "@/lib/action-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

export function StartSessionButton() {
  const [state, action] = useActionState(startSessionAction, idle);
  return (
    <form action={action} className="space-y-2">
      <SubmitButton pendingText="Starting…">Start a guest session</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function EndSessionButton() {
  const [state, action] = useActionState(endSessionAction, idle);
  return (
    <form action={action} className="space-y-2">
      <SubmitButton variant="secondary" pendingText="Ending…">End this guest session</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
