"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signUpAction } from "@/app/signup/actions";
import { idle } from "@/lib/action-state";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

export function SignupForm({ defaultEmail = "" }: { defaultEmail?: string }) {
  const [state, action] = useActionState(signUpAction, idle);
  const error = (field: string) => (state.status === "error" && state.field === field ? state.message : undefined);
  const general = state.status === "error" && state.field !== "email" && state.field !== "password" ? state.message : null;
  return (
    <form action={action} className="space-y-3" noValidate>
      <TextField label="E-mail" name="email" type="email" autoComplete="email" required
        defaultValue={state.values?.email ?? defaultEmail} key={state.values?.email} error={error("email")} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required
        minLength={10} hint="At least 10 characters, not a common password." error={error("password")} />
      {general && <p role="alert" className="text-sm text-red-700">{general}</p>}
      <SubmitButton pendingText="Creating your account…" className="w-full py-2.5">Create account</SubmitButton>
      <p className="text-sm text-stone-600">
        Already have one? <Link href="/login" className="font-medium text-brand-700 underline">Log in</Link>
      </p>
    </form>
  );
}
