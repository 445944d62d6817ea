// How tests name a refusal: a DomainError with this code, its registry status, and (when given)
// its field, status, sentence or Retry-After; and a request context whose cookie jar was left alone.
import assert from "node:assert/strict";
import { DomainError, ERROR_CODES, type ErrorCode } from "../../lib/errors";
import type { TestContext } from "./context";

/**
 * What a test may also pin on a refusal: its field; every field's problem, when it names several;
 * the status a client gets, written out where the test is about that number (the registry could
 * change it); its sentence (a string is looked for as written); and the Retry-After it carries.
 */
type Expected = {
  field?: string;
  fields?: Record<string, string>;
  status?: number;
  message?: RegExp | string;
  retryAfter?: number;
};

/** For assert.rejects and assert.throws: matches a DomainError with this code (and, when given, this field or more). */
export const refused =
  (code: ErrorCode, expected: string | Expected = {}) =>
  (e: unknown) => {
    const { field, fields, status, message, retryAfter } =
      typeof expected === "string" ? { field: expected } : expected;
    assert.ok(e instanceof DomainError, `a DomainError, not ${String(e)}`);
    assert.equal(e.code, code);
    assert.equal(e.status, ERROR_CODES[code].status);
    if (status !== undefined) assert.equal(e.status, status, `${code} answers ${status}`);
    if (field) assert.equal(e.details.field, field);
    if (fields)
      assert.deepEqual(
        Object.entries(e.details.fields ?? {}),
        Object.entries(fields),
        "every field's problem, in order",
      );
    if (typeof message === "string") assert.ok(e.message.includes(message), `"${e.message}" names ${message}`);
    else if (message) assert.match(e.message, message);
    if (retryAfter !== undefined) assert.equal(e.details.retryAfter, retryAfter, "Retry-After");
    return true;
  };

export const nothingSet = (ctx: TestContext) =>
  assert.deepEqual(ctx.jar, { cleared: false }, "no cookie was set or cleared");
