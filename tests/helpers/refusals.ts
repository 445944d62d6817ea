// How tests name a refusal: a DomainError with this code, its registry status, and (when given)
// the field it belongs to; and a request context whose cookie jar was left alone.
import assert from "node:assert/strict";
import { DomainError, ERROR_CODES, type ErrorCode } from "../../lib/errors";
import type { TestContext } from "./context";

/** For assert.rejects: matches a DomainError with this code (and, when given, this field). */
export const refused = (code: ErrorCode, field?: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, `a DomainError, not ${String(e)}`);
  assert.equal(e.code, code);
  assert.equal(e.status, ERROR_CODES[code].status);
  if (field) assert.equal(e.details.field, field);
  return true;
};

export const nothingSet = (ctx: TestContext) => assert.deepEqual(ctx.jar, { cleared: false }, "no cookie was set or cleared");
