import { z } from "zod";
import { describeZodError, DomainError } from "./errors";

// The one state shape every form's server action returns (useActionState).

export type ActionState = {
  status: "idle" | "ok" | "error";
  message?: string;
  /** The field the message belongs to, so the page can put it beside that field. */
  field?: string;
  /** What the visitor typed, to refill the form (never a password or card number). */
  values?: Record<string, string>;
};

export const idle: ActionState = { status: "idle" };

export function ok(message?: string): ActionState {
  return { status: "ok", message };
}

/** A domain or validation error as a sentence for the page; anything else is rethrown to error.tsx. */
export function failed(error: unknown, values?: Record<string, string>): ActionState {
  if (error instanceof DomainError) {
    const wait = error.details.retryAfter ? ` (try again in ${error.details.retryAfter} s)` : "";
    return { status: "error", message: error.message + wait, field: error.details.field, values };
  }
  if (error instanceof z.ZodError) {
    return { status: "error", message: describeZodError(error), field: error.issues[0]?.path.join("."), values };
  }
  throw error;
}

/** A whole number from a form field ("" and junk become NaN, which validation refuses). */
export const formNumber = (value: FormDataEntryValue | null): number =>
  typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;

/**
 * The action's form, or an empty one: a server action is a public endpoint, and a client may
 * call it with any arguments at all (`[null, 5]`), which must read as an empty form (every field
 * missing, refused with sentences) rather than fail with a 500.
 */
export const formOf = (value: unknown): FormData => (value instanceof FormData ? value : new FormData());
