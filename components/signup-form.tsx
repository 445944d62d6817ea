"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { signUpAction } from "@/actions/signup";
import { fieldError, idle } from "@/lib/action-state";
import { ErrorSummary, fieldlessOf, problemsOf } from "./error-summary";
import { PasswordStrength } from "./password-strength";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

const PASSWORD_HINT =
  "At least 10 characters. A few unrelated words work well. Refused: common passwords and words, " +
  "repeated characters or patterns, sequences like “abcdef”, keyboard rows like “qwerty”, and anything built from your e-mail address.";

const FIELDS = [
  { name: "email", label: "E-mail" },
  { name: "password", label: "Password" },
];

export function SignupForm({ defaultEmail = "" }: { defaultEmail?: string }) {
  const [state, action] = useActionState(signUpAction, idle);
  // What the shopper has typed, for the strength meter only: the inputs stay uncontrolled, so the
  // form works without JavaScript, and the server checks the password again whatever the meter said.
  const [typed, setTyped] = useState({ email: "", password: "" });
  const error = (field: string) => fieldError(state, field);
  const general = fieldlessOf(state, FIELDS);
  const passwordError = error("password");
  const onInput = (event: React.FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const value = (name: string) => {
      const field = form.elements.namedItem(name);
      return field instanceof HTMLInputElement ? field.value : "";
    };
    setTyped({ email: value("email"), password: value("password") });
  };
  return (
    // React resets the form after each submission: clear the meter with it.
    <form
      action={action}
      className="space-y-3"
      noValidate
      onInput={onInput}
      onReset={() => setTyped({ email: "", password: "" })}
    >
      <ErrorSummary state={state} problems={problemsOf(state, FIELDS)} fieldless={general} />
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email ?? defaultEmail}
        key={state.values?.email}
        error={error("email")}
      />
      <div className="space-y-1">
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint={PASSWORD_HINT}
          error={passwordError}
          aria-describedby={[passwordError ? "password-error" : null, "password-hint", "password-strength"]
            .filter(Boolean)
            .join(" ")}
        />
        <PasswordStrength id="password-strength" password={typed.password} email={typed.email} />
      </div>
      <SubmitButton pendingText="Creating your account…" className="w-full py-2.5">
        Create account
      </SubmitButton>
      <p className="text-sm text-stone-600">
        Already have one?{" "}
        <Link href="/login" className="font-medium text-brand-700 underline">
          Log in
        </Link>
      </p>
    </form>
  );
}
