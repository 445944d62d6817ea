import { NextResponse } from "next/server";

// The API's one error shape, `{ error: { code, message } }`, with no caching. Kept apart from
// lib/http.ts so that proxy.ts can answer with it without loading the session and database.

export type ErrorBody = { error: { code: string; message: string } };

export function errorJson(code: string, message: string, status: number, headers: Record<string, string> = {}) {
  return NextResponse.json({ error: { code, message } } satisfies ErrorBody, {
    status,
    headers: { "Cache-Control": "no-store", ...headers },
  });
}
