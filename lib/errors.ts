import type { z } from "zod";

// The error-code registry: every condition the shop refuses has one code, its HTTP status and a
// default sentence meant for a person. Domain code throws `new DomainError(code, sentence?)`;
// route handlers turn it into `{ error: { code, message, fields? } }`, server actions show the
// message, and each field's problem beside its field.
export const ERROR_CODES = {
  bad_request: { status: 400, message: "The request is malformed." },
  invalid_json: { status: 400, message: "The body is not valid JSON." },
  invalid_unicode: { status: 400, message: "The body holds text that is not well-formed Unicode." },
  invalid_credentials: { status: 401, message: "The e-mail or password is not right." },
  invalid_password: { status: 401, message: "That password is not right." },
  no_session: { status: 401, message: "There is no valid session." },
  card_declined: { status: 402, message: "Your card was declined. Nothing was charged." },
  forbidden: { status: 403, message: "This session is not allowed to do that." },
  forbidden_origin: { status: 403, message: "Requests from other sites are not accepted." },
  not_found: { status: 404, message: "That was not found." },
  not_in_cart: { status: 404, message: "That product is not in your cart." },
  not_saved: { status: 404, message: "That product is not in your saved-for-later list." },
  link_unknown: { status: 404, message: "This link is not one we sent." },
  link_used: { status: 410, message: "This link has been used already: it works once." },
  link_expired: { status: 410, message: "This link has expired." },
  link_other_account: { status: 403, message: "This link was sent for another account." },
  link_same_browser: { status: 409, message: "This link is for another browser: what it carries is already here." },
  method_not_allowed: { status: 405, message: "This route does not answer that method." },
  already_signed_in: { status: 409, message: "You are already logged in." },
  email_taken: { status: 409, message: "An account with this e-mail already exists. Log in instead." },
  out_of_stock: { status: 409, message: "There is not enough stock for that." },
  session_ended: { status: 409, message: "Your session ended meanwhile. Nothing was changed." },
  payload_too_large: { status: 413, message: "The body is too large." },
  unsupported_media_type: { status: 415, message: "Send the body as JSON with Content-Type: application/json." },
  host_not_allowed: { status: 421, message: "Links can't be made for the address this request used." },
  empty_cart: { status: 422, message: "Your cart is empty. Add something before checking out." },
  invalid_card: { status: 422, message: "That card can't be used." },
  invalid_input: { status: 422, message: "The request is invalid." },
  rate_limited: { status: 429, message: "Too many requests. Please wait a moment and try again." },
  internal_error: { status: 500, message: "Something went wrong on our side. Nothing was changed; please try again." },
  database_unavailable: { status: 503, message: "The database does not answer." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code].message,
    readonly details: {
      retryAfter?: number;
      /** The field the problem belongs to (the first, when there are several). */
      field?: string;
      /** Every field's problem, by dot path, when one refusal names several (fieldsRefused). */
      fields?: Record<string, string>;
    } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.status = ERROR_CODES[code].status;
  }
}

export const notFound = (message: string) => new DomainError("not_found", message);
export const invalid = (message: string, field?: string) => new DomainError("invalid_input", message, { field });
export const forbidden = (message: string) => new DomainError("forbidden", message);
export const rateLimited = (message: string, retryAfter: number) =>
  new DomainError("rate_limited", message, { retryAfter });

/**
 * One refusal for several fields at once, in the form's order: its message says every problem,
 * and `fields` puts each beside its field.
 */
export function fieldsRefused(code: ErrorCode, fields: Record<string, string>): DomainError {
  return new DomainError(code, Object.values(fields).join(" "), { field: Object.keys(fields)[0], fields });
}

/** The first problem of each field (the request as a whole is the path ""), in the schema's order. */
const firstOfEach = (error: z.ZodError) => {
  const issues = new Map<string, z.core.$ZodIssue>();
  for (const issue of error.issues) {
    const path = issue.path.join(".");
    if (!issues.has(path)) issues.set(path, issue);
  }
  return issues;
};

/** Every validation problem as sentences, one per field, e.g. "Enter the city. This card has expired." */
export function describeZodError(error: z.ZodError): string {
  return [...firstOfEach(error).values()].map(describeIssue).join(" ") || "The request is invalid.";
}

/**
 * Each field's problem by dot path, as a form shows them beside its fields and a JSON error carries
 * them in `fields`: a schema's first problem per field, or what a domain refusal names.
 */
export function problemsByField(error: DomainError | z.ZodError): Record<string, string> {
  if (error instanceof DomainError) {
    const { field, fields } = error.details;
    return fields ?? (field ? { [field]: error.message } : {});
  }
  const problems: Record<string, string> = {};
  for (const [path, issue] of firstOfEach(error)) if (path) problems[path] = describeIssue(issue);
  return problems;
}

/**
 * A rule written in a schema may refuse with a code of its own (a card that fails Luhn is
 * `invalid_card`, as the domain says it): its issue carries `params: { code }`. A schema's refusal
 * answers with that code when every one of its problems carries it, else with `invalid_input`.
 */
export function zodErrorCode(error: z.ZodError): ErrorCode {
  const codes = new Set(
    error.issues.map((issue) => {
      const code: unknown = issue.code === "custom" ? issue.params?.code : undefined;
      return typeof code === "string" && Object.hasOwn(ERROR_CODES, code) ? (code as ErrorCode) : "invalid_input";
    }),
  );
  const [only] = codes;
  return codes.size === 1 && only ? only : "invalid_input";
}

/** One validation problem as a sentence. */
export function describeIssue(issue: z.core.$ZodIssue): string {
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
