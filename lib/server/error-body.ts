import "server-only";
import { NextResponse } from "next/server";
import { ERROR_CODES, type ErrorCode } from "../errors";

// The API's one error shape, `{ error: { code, message, fields? } }`, with no caching. Kept apart
// from lib/server/http.ts so that proxy.ts can answer with it without loading the session and database.

export type ErrorBody = {
  error: {
    code: ErrorCode;
    /** Every problem, in sentences. */
    message: string;
    /** Each field's problem by dot path ("card.cvc"), when the refusal is about fields: all of them at once. */
    fields?: Record<string, string>;
  };
};

/**
 * A JSON answer with its body as a string. NextResponse.json() hands Next its body as a stream,
 * which Next then pipes to the socket through web streams: 30–35 µs more per answer on the
 * bench's machine, a few percent of a route's throughput (`npm run bench`).
 */
export function jsonResponse(body: unknown, status: number, headers: Record<string, string>): NextResponse {
  return new NextResponse(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** The error response for `code`: its status from the registry, its default sentence unless told. */
export function errorJson(
  code: ErrorCode,
  message: string = ERROR_CODES[code].message,
  headers: Record<string, string> = {},
  fields: Record<string, string> = {},
) {
  const error: ErrorBody["error"] = Object.keys(fields).length > 0 ? { code, message, fields } : { code, message };
  return jsonResponse({ error } satisfies ErrorBody, ERROR_CODES[code].status, {
    "Cache-Control": "no-store",
    ...headers,
  });
}
