"use client";

import { useEffect, useId, useRef } from "react";
import { fieldError, formError, type ActionState } from "@/lib/action-state";

export type Problem = { id: string; label: string; message: string };

/** The fields of `state` that have a problem, in the form's order: `fields` maps name → label (and id, when not the name). */
export const problemsOf = (state: ActionState, fields: { name: string; label: string; id?: string }[]): Problem[] =>
  fields.flatMap(({ name, label, id = name }) => {
    const message = fieldError(state, name);
    return message ? [{ id, label, message }] : [];
  });

/** The form's problem that belongs to none of its fields. */
export const fieldlessOf = (state: ActionState, fields: { name: string }[]) =>
  formError(
    state,
    fields.map((f) => f.name),
  );

/**
 * A refused form's one announcement, at its top (GOV.UK's error summary): an alert, named by its
 * heading, that lists every field's problem as a link to the field, and the problem that belongs to
 * no field; the focus moves to it after each refusal. The messages beside the fields (text-field.tsx)
 * stay visible but are not live regions, so a refusal is read out once, not once per field.
 */
export function ErrorSummary({
  state,
  problems,
  fieldless,
  purpose = "",
  level = 2,
}: {
  /** The answer: the focus moves when a new refusal comes. */
  state: ActionState;
  problems: Problem[];
  fieldless?: string;
  /** What the fields stand in the way of: "before the order can be placed". */
  purpose?: string;
  /** The heading's level where the form sits. */
  level?: 2 | 3;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  useEffect(() => {
    if (state.status === "error") ref.current?.focus();
  }, [state]);
  if (problems.length === 0 && !fieldless) return null;
  const Heading = level === 2 ? "h2" : "h3";
  return (
    // An alert may be named (a plain div may not, ARIA 1.2): by its heading, when it has one.
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={problems.length > 0 ? headingId : undefined}
      className="space-y-2 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-800 focus:outline-2 focus:outline-red-700"
    >
      {problems.length > 0 && (
        <>
          <Heading id={headingId} className="font-semibold">
            {problems.length === 1 ? "One field needs" : `${problems.length} fields need`} your attention
            {purpose ? ` ${purpose}` : ""}:
          </Heading>
          <ul className="list-disc space-y-1 pl-5">
            {problems.map((p) => (
              <li key={p.id}>
                <a
                  href={`#${p.id}`}
                  className="underline"
                  // Moves the focus to the field, as a label click would (the hash alone only scrolls).
                  onClick={(event) => {
                    event.preventDefault();
                    document.getElementById(p.id)?.focus();
                  }}
                >
                  {p.label}
                </a>
                : {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {fieldless && <p>{fieldless}</p>}
    </div>
  );
}
