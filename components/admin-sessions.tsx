"use client";

import { useActionState } from "react";
import { endSessionAsAdminAction } from "@/actions/admin";
import { idle } from "@/lib/action-state";
import { FormMessage } from "./form-message";
import { SubmitButton } from "./submit-button";

/** Ends one session from the admin's lookup (it lands back on the lookup, now showing it revoked). */
export function EndSessionAsAdminButton({ hash, q }: { hash: string; q: string }) {
  const [state, action] = useActionState(endSessionAsAdminAction, idle);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="hash" value={hash} />
      <input type="hidden" name="q" value={q} />
      <SubmitButton variant="danger" pendingText="Ending…" aria-label={`End this session (${hash})`}>
        End this session
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
