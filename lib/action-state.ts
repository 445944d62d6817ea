import { z } from "zod";
import { describeIssue, describeZodError, DomainError } from "./errors";

// The one state shape every form's server action returns (useActionState), and how a form reads
// it. Browser-safe: client components import it. The action side is lib/server/form-action.ts.

export type ActionState = {
  status: "idle" | "ok" | "error";
  message?: string;
  /** The field the message belongs to, so the page can put it beside that field. */
  field?: string;
  /** Every field's problem at once (dot paths, as the form names its fields). */
  fieldErrors?: Record<string, string>;
  /** What the visitor typed, to refill the form (never a password or card number). */
  values?: Record<string, string>;
  /** After an add to the cart: the line as it is now and the cart's subtotal, for the confirmation. */
  added?: { name: string; quantity: number; inCart: number; subtotal: string; count: number };
};

export const idle: ActionState = { status: "idle" };

export function ok(message?: string): ActionState {
  return { status: "ok", message };
}

/** A domain or validation error as sentences for the page; anything else is rethrown to error.tsx. */
export function failed(error: unknown, values?: Record<string, string>): ActionState {
  if (error instanceof DomainError) {
    const wait = error.details.retryAfter ? ` (try again in ${error.details.retryAfter} s)` : "";
    const field = error.details.field;
    const message = error.message + wait;
    return { status: "error", message, field, fieldErrors: field ? { [field]: message } : undefined, values };
  }
  if (error instanceof z.ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.issues) {
      const path = issue.path.join(".");
      if (path) fieldErrors[path] ??= describeIssue(issue);
    }
    return {
      status: "error",
      message: describeZodError(error),
      field: error.issues[0]?.path.join(".") || undefined,
      fieldErrors,
      values,
    };
  }
  throw error;
}

/** The problem with one field, to show beside it. */
export const fieldError = (state: ActionState, name: string): string | undefined =>
  state.status === "error" ? state.fieldErrors?.[name] : undefined;

/** The error that belongs to none of the form's fields, to show above or below the form. */
export const formError = (state: ActionState, fields: readonly string[]): string | undefined =>
  state.status === "error" && !(state.field && fields.includes(state.field)) ? state.message : undefined;

/** The dot paths of a form's input type, so a form's field names are checked against its schema. */
export type FieldPath<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends Date | string | number | boolean
    ? K
    : `${K}.${FieldPath<NonNullable<T[K]>>}`;
}[keyof T & string];
