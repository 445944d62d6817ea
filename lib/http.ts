import { NextResponse } from "next/server";
import { z } from "zod";
import { describeZodError, DomainError } from "./errors";
import { sameOrigin } from "./request";

// Route-handler plumbing: read a JSON body safely, and turn results and domain errors into
// responses. Every route handler is `handle(async () => …)` over one domain call.

export type ErrorBody = { error: { code: string; message: string } };

/** Personal responses are never cached (they may also set the session cookie). */
export function json(body: unknown, status = 200): NextResponse {
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export function errorJson(code: string, message: string, status: number, headers: Record<string, string> = {}) {
  return NextResponse.json({ error: { code, message } } satisfies ErrorBody, {
    status,
    headers: { "Cache-Control": "no-store", ...headers },
  });
}

export function toErrorResponse(error: unknown): NextResponse {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = error.details.retryAfter ? { "Retry-After": String(error.details.retryAfter) } : {};
    return errorJson(error.code, error.message, error.status, headers);
  }
  if (error instanceof z.ZodError) return errorJson("invalid_input", describeZodError(error), 422);
  console.error("[passerby] unexpected error", error);
  return errorJson("internal_error", "Something went wrong on our side. Nothing was changed; please try again.", 500);
}

export async function handle(fn: () => Promise<NextResponse>): Promise<NextResponse> {
  try {
    return await fn();
  } catch (error) {
    return toErrorResponse(error);
  }
}

/**
 * The validated JSON body of a mutating request: it must be `application/json`, come from this
 * site (or from a client that sends no Origin), parse, and match `schema`.
 */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  if (!(await sameOrigin())) {
    throw new DomainError("forbidden_origin", "Requests from other sites are not accepted.", 403);
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new DomainError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.", 415);
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new DomainError("invalid_json", "The body is not valid JSON.", 400);
  }
  return schema.parse(body);
}

/** The Origin check alone, for mutations without a body (DELETE). */
export async function requireSameOrigin(): Promise<void> {
  if (!(await sameOrigin())) {
    throw new DomainError("forbidden_origin", "Requests from other sites are not accepted.", 403);
  }
}
