import type { ActionState } from "@/lib/action-state";

/**
 * An action's message, announced to screen readers; errors in red, confirmations in green. With a
 * `ref`, it may take the focus (tabIndex -1), for when what the shopper acted on has gone away.
 */
export function FormMessage({
  state,
  id,
  ref,
}: {
  state: ActionState;
  id?: string;
  ref?: React.Ref<HTMLParagraphElement>;
}) {
  return (
    <p
      id={id}
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      aria-live="polite"
      className={`min-h-5 text-sm ${state.status === "error" ? "text-red-700" : "text-brand-700"}`}
    >
      {state.status !== "idle" ? state.message : ""}
    </p>
  );
}
