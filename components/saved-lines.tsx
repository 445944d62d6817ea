"use client";

import { useActionState, useState } from "react";
import { moveToCartAction, removeSavedAction } from "@/actions/account";
import { idle } from "@/lib/action-state";
import type { SavedLine as Line } from "@/lib/cart/saved";
import { FormMessage } from "./form-message";
import { SavedLine } from "./saved-line";
import { useRowFocus } from "./use-row-focus";

/**
 * "Saved for later" on /account and /cart. One action per button kind for every line, so its answer shows
 * once, above the list (a moved or removed line goes away, and its message would go with it); the
 * focus goes to the line that took its place, or to that message when none is left.
 */
export function SavedLines({ lines, hideWhenEmpty = false }: { lines: Line[]; hideWhenEmpty?: boolean }) {
  const [moveState, move] = useActionState(moveToCartAction, idle);
  const [removeState, remove] = useActionState(removeSavedAction, idle);
  const [lastSent, setLastSent] = useState<"move" | "remove">("move");
  // Without JavaScript only one of them has answered; with it, the one last sent.
  const last = lastSent === "remove" || moveState.status === "idle" ? removeState : moveState;
  const ids = lines.map((l) => l.productId);
  const moveFocus = useRowFocus(ids, moveState);
  const removeFocus = useRowFocus(ids, removeState);
  // On /cart the section shows only while something is saved, or says where the last one went.
  if (hideWhenEmpty && lines.length === 0 && last.status === "idle") return null;
  return (
    <section aria-labelledby="saved-heading" className="rounded-xl border border-stone-200 bg-white p-5">
      <h2 id="saved-heading" className="text-xl font-semibold">
        Saved for later
      </h2>
      <FormMessage
        state={last}
        ref={(p) => {
          moveFocus.fallback(p);
          removeFocus.fallback(p);
        }}
      />
      {lines.length === 0 ? (
        <p className="mt-1 text-stone-600">
          Nothing saved. Items you choose not to keep in your cart at log-in land here.
        </p>
      ) : (
        <ul aria-label="Saved for later" className="divide-y divide-stone-200">
          {lines.map((line) => (
            <SavedLine
              key={line.productId}
              line={line}
              move={move}
              remove={remove}
              itemRef={(li) => {
                moveFocus.row(line.productId, li);
                removeFocus.row(line.productId, li);
              }}
              onMove={() => {
                setLastSent("move");
                moveFocus.sending(line.productId);
              }}
              onRemove={() => {
                setLastSent("remove");
                removeFocus.sending(line.productId);
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
