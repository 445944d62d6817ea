import { z } from "zod";
import { describeZodError, DomainError, problemsByField } from "./errors";

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
  /**
   * The secret fields that were filled in but are not sent back (a password, a card number, a
   * CVC): where the page shows them empty again, it asks for them again.
   */
  retype?: string[];
  /** A step to confirm before it is taken (the handle of the session that ending would log out here). */
  confirm?: string;
  /** After an add to the cart: the line as it is now and the cart's subtotal, for the confirmation. */
  added?: { name: string; quantity: number; inCart: number; subtotal: string; count: number };
};

export const idle: ActionState = { status: "idle" };

export function ok(message?: string): ActionState {
  return { status: "ok", message };
}

/**
 * A domain or validation error as sentences for the page, every field's problem at once; anything
 * else is rethrown to error.tsx. `values` and `retype` come from the form (./server/form-fields.ts).
 */
export function failed(error: unknown, values?: Record<string, string>, retype?: string[]): ActionState {
  if (error instanceof DomainError) {
    const wait = error.details.retryAfter ? ` (try again in ${error.details.retryAfter} s)` : "";
    const field = error.details.field;
    const message = error.message + wait;
    const fieldErrors = error.details.fields ?? (field ? { [field]: message } : undefined);
    return { status: "error", message, field, fieldErrors, values, retype };
  }
  if (error instanceof z.ZodError) {
    return {
      status: "error",
      message: describeZodError(error),
      field: error.issues[0]?.path.join(".") || undefined,
      fieldErrors: problemsByField(error),
      values,
      retype,
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
