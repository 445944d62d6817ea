import "server-only";
import { NextResponse } from "next/server";
import { ERROR_CODES, type ErrorCode } from "../errors";

// The API's one error shape, `{ error: { code, message } }`, with no caching. Kept apart from
// lib/server/http.ts so that proxy.ts can answer with it without loading the session and database.

export type ErrorBody = { error: { code: ErrorCode; message: string } };

/** The error response for `code`: its status from the registry, its default sentence unless told. */
export function errorJson(code: ErrorCode, message: string = ERROR_CODES[code].message, headers: Record<string, string> = {}) {
  return NextResponse.json({ error: { code, message } } satisfies ErrorBody, {
    status: ERROR_CODES[code].status,
    headers: { "Cache-Control": "no-store", ...headers },
  });
}
