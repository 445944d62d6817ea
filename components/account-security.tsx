"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { changePasswordAction, deleteAccountAction } from "@/actions/account";
import { fieldError, idle } from "@/lib/action-state";
import { ErrorSummary, fieldlessOf, problemsOf } from "./error-summary";
import { PasswordStrength } from "./password-strength";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";

// The forms of /account's "Sessions and security" (ending sessions: your-sessions.tsx): changing
// the password, deleting the account. Each works without JavaScript (server actions); with it, the message
// appears beside the button.

const PASSWORD_FIELDS = [
  { name: "currentPassword", label: "Current password" },
  { name: "newPassword", label: "New password" },
];
const DELETE_FIELDS = [{ name: "password", label: "Account password", id: "delete-password" }];

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action] = useActionState(changePasswordAction, idle);
  const [typed, setTyped] = useState("");
  const general = fieldlessOf(state, PASSWORD_FIELDS);
  const newError = fieldError(state, "newPassword");
  // After a change the form empties itself: the focus goes to the message that says it is done.
  const done = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.status === "ok") done.current?.focus();
  }, [state]);
  return (
    <form
      action={action}
      className="space-y-2"
      noValidate
      key={state.status === "ok" ? state.message : "form"}
      onReset={() => setTyped("")}
    >
      <ErrorSummary state={state} problems={problemsOf(state, PASSWORD_FIELDS)} fieldless={general} level={3} />
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        error={fieldError(state, "currentPassword")}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        minLength={10}
        error={newError}
        hint="At least 10 characters. Changing it logs you out everywhere else."
        onChange={(event) => setTyped(event.currentTarget.value)}
        aria-describedby={[newError ? "newPassword-error" : null, "newPassword-hint", "new-password-strength"]
          .filter(Boolean)
          .join(" ")}
      />
      <PasswordStrength id="new-password-strength" password={typed} email={email} />
      {state.status === "ok" && (
        <p ref={done} tabIndex={-1} role="status" className="text-sm text-brand-700">
          {state.message}
        </p>
      )}
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}

export function DeleteAccountForm() {
  const [state, action] = useActionState(deleteAccountAction, idle);
  return (
    <form action={action} className="space-y-2" noValidate>
      <ErrorSummary
        state={state}
        problems={problemsOf(state, DELETE_FIELDS)}
        fieldless={fieldlessOf(state, DELETE_FIELDS)}
        level={3}
      />
      <TextField
        label="Account password"
        name="password"
        id="delete-password"
        type="password"
        autoComplete="current-password"
        error={fieldError(state, "password")}
      />
      <SubmitButton variant="secondary" className="border-red-300 text-red-800" pendingText="Deleting…">
        Delete my account for good
      </SubmitButton>
    </form>
  );
}
