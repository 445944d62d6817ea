"use client";

import { useDeferredValue, useEffect, useMemo, useState } from "react";
import type * as Strength from "@/lib/accounts/password-strength";

// A hint only: the server checks the password again (lib/accounts/passwords.ts) and has the last word.
// The estimator and its dictionaries (~1.6 MB) load on first input, not with the page.

type Estimator = Pick<typeof Strength, "estimatePassword" | "inputsFromEmail">;
let loading: Promise<Estimator> | undefined;
const loadEstimator = () => (loading ??= import("@/lib/accounts/password-strength"));

/** The words and colours of each number of steps lit. */
const LEVELS = {
  1: { label: "Weak", bar: "bg-red-600", text: "text-red-700" },
  2: { label: "Weak", bar: "bg-red-600", text: "text-red-700" },
  3: { label: "Fair", bar: "bg-amber-500", text: "text-amber-800" },
  4: { label: "Strong", bar: "bg-brand-600", text: "text-brand-700" },
} as const;

/** A 4-step strength bar and a sentence for `password`, judged with the e-mail typed so far. */
export function PasswordStrength({ id, password, email = "" }: { id: string; password: string; email?: string }) {
  const [estimator, setEstimator] = useState<Estimator | null>(null);
  useEffect(() => {
    if (!password || estimator) return;
    let live = true;
    loadEstimator().then(
      (loaded) => {
        if (live) setEstimator(loaded);
      },
      () => {
        loading = undefined;
      }, // offline or a stale deployment: try again on the next input
    );
    return () => {
      live = false;
    };
  }, [password, estimator]);

  // Long passwords take tens of milliseconds to estimate: keep typing responsive.
  const typed = useDeferredValue(password);
  const typedEmail = useDeferredValue(email);
  const estimate = useMemo(
    () => (estimator && typed ? estimator.estimatePassword(typed, estimator.inputsFromEmail(typedEmail)) : null),
    [estimator, typed, typedEmail],
  );

  // The live region stays in the page, empty, so that screen readers announce what appears in it.
  if (!estimate || !password) return <div id={id} aria-live="polite" />;
  const steps = estimate.problem ? (estimate.score >= 2 ? 2 : 1) : estimate.score >= 4 ? 4 : 3;
  const level = LEVELS[steps];
  const message = estimate.problem
    ? `${level.label} — ${estimate.problem}`
    : steps === 4
      ? level.label
      : `${level.label} — accepted; a longer password would be stronger.`;
  return (
    <div id={id} aria-live="polite" className="space-y-1">
      <div className="flex gap-1" aria-hidden="true">
        {[1, 2, 3, 4].map((step) => (
          <span key={step} className={`h-1.5 flex-1 rounded-full ${step <= steps ? level.bar : "bg-stone-200"}`} />
        ))}
      </div>
      <p className={`text-sm ${level.text}`}>
        <span className="sr-only">Password strength: </span>
        {message}
      </p>
    </div>
  );
}
