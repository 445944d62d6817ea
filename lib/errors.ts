import type { z } from "zod";

// Domain errors carry a stable code, an HTTP status and a sentence meant for a person.
// Route handlers turn them into `{ error: { code, message } }`; server actions show the message.

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details: { retryAfter?: number; field?: string } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (message: string) => new DomainError("not_found", message, 404);
export const invalid = (message: string, field?: string) =>
  new DomainError("invalid_input", message, 422, { field });
export const forbidden = (message: string) => new DomainError("forbidden", message, 403);
export const rateLimited = (message: string, retryAfter: number) =>
  new DomainError("rate_limited", message, 429, { retryAfter });

/** The first validation problem as a sentence, e.g. "quantity must be a whole number." */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The request is invalid.";
  // Messages written for people (in the schemas) are whole sentences already.
  if (/[.!?]$/.test(issue.message)) return issue.message;
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join(", ");
    return `The request has ${issue.keys.length === 1 ? "a field" : "fields"} this route does not take: ${keys}.`;
  }
  const field = issue.path.join(".");
  const detail = issue.message.replace(/^Invalid input: /, "");
  return field ? `The field "${field}" is invalid: ${detail}.` : `The request is invalid: ${detail}.`;
}
