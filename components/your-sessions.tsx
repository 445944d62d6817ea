"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { endSessionsAction } from "@/actions/account";
import { idle, type ActionState } from "@/lib/action-state";
import type { SessionListing } from "@/lib/accounts/sessions";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";
import { useRowFocus } from "./use-row-focus";

const when = (iso: string) => new Date(iso).toUTCString();

/**
 * /account's "Your sessions": each live session with what tells it apart (device, when it signed
 * in, when it was last active, which one is this browser) and a button that ends it, named with
 * the same (two "Firefox on Windows" rows are two different buttons to a screen reader too), and
 * one that ends all others. Ending this browser's own session asks first ("Confirm: log out here"
 * or Cancel), a second step the server answers, so it needs no JavaScript. After an End the focus
 * goes to the next session's End button (or the message, after "End all other sessions").
 */
export function YourSessions({ sessions }: { sessions: SessionListing[] }) {
  // One action for every button, so its answer shows once, above the list (an ended row goes away).
  const [state, end] = useActionState(endSessionsAction, idle);
  const focus = useRowFocus(
    sessions.map((s) => s.id),
    state,
  );
  // Cancel with JavaScript hides the question here; without it, Cancel loads the page again.
  const [dismissed, setDismissed] = useState<ActionState | null>(null);
  const asking = dismissed === state ? undefined : state.confirm;
  const confirmButton = useRef<HTMLButtonElement>(null);
  const endHere = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (state.confirm) (dismissed === state ? endHere : confirmButton).current?.focus();
  }, [state, dismissed]);

  return (
    <>
      <FormMessage state={state.confirm ? idle : state} ref={(p) => focus.fallback(p)} />
      <ul aria-label="Your sessions" className="divide-y divide-stone-200">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
            <div>
              <p className="font-medium">
                {s.device}
                {s.current && (
                  <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-900">This device</span>
                )}
              </p>
              <p className="text-stone-600">
                Signed in <time dateTime={s.createdAt}>{when(s.createdAt)}</time> · last active{" "}
                <time dateTime={s.lastSeenAt}>{when(s.lastSeenAt)}</time>
              </p>
            </div>
            {asking === s.id ? (
              <div
                role="group"
                aria-labelledby="end-here-question"
                className="flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-3 py-2"
              >
                <p id="end-here-question" className="text-red-900">
                  {state.message}
                </p>
                <form action={end}>
                  <input type="hidden" name="id" value={s.id} />
                  <input type="hidden" name="confirm" value="yes" />
                  <SubmitButton ref={confirmButton} variant="danger" pendingText="Logging out…">
                    Confirm: log out here
                  </SubmitButton>
                </form>
                {/* Without JavaScript, a fresh GET of the page (a link to the same address would not reload it). */}
                <form
                  method="get"
                  action="/account"
                  onSubmit={(event) => {
                    event.preventDefault();
                    setDismissed(state);
                  }}
                >
                  <button
                    type="submit"
                    className="rounded-full border border-stone-300 bg-white px-4 py-2 font-medium text-stone-800"
                  >
                    Cancel
                  </button>
                </form>
              </div>
            ) : (
              <form action={end} onSubmit={() => s.current || focus.sending(s.id)}>
                <input type="hidden" name="id" value={s.id} />
                <SubmitButton
                  ref={(button) => {
                    focus.row(s.id, button);
                    if (s.current) endHere.current = button;
                  }}
                  variant="danger"
                  pendingText="Ending…"
                  aria-label={
                    s.current
                      ? "End this session (this device)"
                      : `End the session on ${s.device}, signed in ${when(s.createdAt)}`
                  }
                >
                  End
                </SubmitButton>
              </form>
            )}
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
