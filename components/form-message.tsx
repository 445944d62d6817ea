import type { ActionState } from "@/lib/action-state";

/** An action's message, announced to screen readers; errors in red, confirmations in green. */
export function FormMessage({ state, id }: { state: ActionState; id?: string }) {
  return (
    <p
      id={id}
      aria-live="polite"
      className={`min-h-5 text-sm ${state.status === "error" ? "text-red-700" : "text-brand-700"}`}
    >
      {state.status !== "idle" ? state.message : ""}
    </p>
  );
}
