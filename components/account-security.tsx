"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { changePasswordAction, deleteAccountAction, endSessionsAction } from "@/actions/account";
import { fieldError, formError, idle } from "@/lib/action-state";
import type { SessionListing } from "@/lib/accounts/sessions";
import { FormMessage } from "./form-message";
import { PasswordStrength } from "./password-strength";
import { SubmitButton } from "./submit-button";
import { TextField } from "./text-field";
import { useRowFocus } from "./use-row-focus";

// The forms of /account's "Sessions and security": ending sessions, changing the password,
// deleting the account. Each works without JavaScript (server actions); with it, the message
// appears beside the button.

/**
 * The account's live sessions, each with a button that ends it, and one that ends all others. After
 * an End the focus goes to the next session's End button (or the message, after "End all other
 * sessions"), never to <body>.
 */
export function YourSessions({ sessions }: { sessions: SessionListing[] }) {
  // One action for every button, so its answer shows once, above the list (an ended row goes away).
  const [state, end] = useActionState(endSessionsAction, idle);
  const focus = useRowFocus(
    sessions.map((s) => s.id),
    state,
  );
  return (
    <>
      <FormMessage state={state} ref={(p) => focus.fallback(p)} />
      <ul aria-label="Your sessions" className="divide-y divide-stone-200">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
            <div>
              <p className="font-medium">
                {s.device}
                {s.current && (
                  <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-900">This session</span>
                )}
              </p>
              <p className="text-stone-600">
                Signed in <time dateTime={s.createdAt}>{new Date(s.createdAt).toUTCString()}</time> · last seen{" "}
                <time dateTime={s.lastSeenAt}>{new Date(s.lastSeenAt).toUTCString()}</time>
              </p>
            </div>
            <form action={end} onSubmit={() => focus.sending(s.id)}>
              <input type="hidden" name="id" value={s.id} />
              <SubmitButton
                ref={(button) => focus.row(s.id, button)}
                variant="danger"
                pendingText="Ending…"
                aria-label={s.current ? "End this session" : `End the session on ${s.device}`}
              >
                End
              </SubmitButton>
            </form>
          </li>
        ))}
      </ul>
      {sessions.length > 1 && (
        <form action={end} onSubmit={() => focus.sending("")}>
          <SubmitButton variant="secondary" pendingText="Ending…">
            End all other sessions
          </SubmitButton>
        </form>
      )}
    </>
  );
}

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, action] = useActionState(changePasswordAction, idle);
  const [typed, setTyped] = useState("");
  const general = formError(state, ["currentPassword", "newPassword"]);
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
      {general && (
        <p role="alert" className="text-sm text-red-700">
          {general}
        </p>
      )}
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
  const general = formError(state, ["password"]);
  return (
    <form action={action} className="space-y-2" noValidate>
      <TextField
        label="Account password"
        name="password"
        id="delete-password"
        type="password"
        autoComplete="current-password"
        error={fieldError(state, "password")}
      />
      {general && (
        <p role="alert" className="text-sm text-red-700">
          {general}
        </p>
      )}
      <SubmitButton variant="secondary" className="border-red-300 text-red-800" pendingText="Deleting…">
        Delete my account for good
      </SubmitButton>
    </form>
  );
}
