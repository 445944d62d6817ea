"use client";

import { useEffect, useRef } from "react";
import type { ActionState } from "@/lib/action-state";

/**
 * Where the focus goes when a list row's own form makes it go away (ending a session, moving a
 * saved item to the cart): to the row that took its place, or the one before it, or, when no row
 * is left or several went at once, to `fallback` (the message that says what happened); never to
 * <body>. The cart's lines do the same by hand (cart-lines.tsx), with Undo as their fallback.
 *
 * `ids` are the rows as the page shows them now, `state` the action's answer: the focus moves once
 * the answer has come and the page no longer shows the row (they may arrive in either order).
 */
export function useRowFocus(ids: string[], state: ActionState) {
  const rows = useRef(new Map<string, HTMLElement>());
  const fallback = useRef<HTMLElement | null>(null);
  const sent = useRef<{ id: string; order: string[]; before: ActionState } | null>(null);

  useEffect(() => {
    const s = sent.current;
    if (!s || state === s.before) return; // no answer yet
    if (state.status === "error") {
      sent.current = null; // the row stays, and so does the focus; the message says why
      return;
    }
    if (s.id && ids.includes(s.id)) return; // the page has not come back without it yet
    sent.current = null;
    const at = s.order.indexOf(s.id);
    const after = at < 0 ? [] : [...s.order.slice(at + 1), ...s.order.slice(0, at).reverse()];
    const next = after.find((id) => ids.includes(id));
    (next ? rows.current.get(next) : fallback.current)?.focus();
  });

  return {
    /** For the ref of the element that takes the focus for row `id`. */
    row: (id: string, element: HTMLElement | null) => {
      if (element) rows.current.set(id, element);
      else rows.current.delete(id);
    },
    /** The ref of the element that takes the focus when no row does. */
    fallback: (element: HTMLElement | null) => {
      fallback.current = element;
    },
    /** Call when row `id`'s form is sent ("" for a form that ends several rows). */
    sending: (id: string) => {
      sent.current = { id, order: ids, before: state };
    },
  };
}
