import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import type { Ctx, SessionCookie } from "../session/context";
import { explainEnd } from "../session/end";
import { type SessionEnd } from "../session/types";
import { withContext } from "./context";
import { errorJson, jsonResponse } from "./error-body";
import { describeZodError, DomainError, problemsByField, zodErrorCode } from "../errors";
import { readBody, wellFormedStrings } from "./body";
import { sameOrigin } from "./request";
import { securityLog } from "../security-log";

// Route-handler plumbing: read a JSON body safely, and turn results and domain errors into
// responses. Every route handler is `handle(async () => …)` over one domain call.

export { errorJson, type ErrorBody } from "./error-body";

/**
 * JSON answers are never stored by a browser or a shared cache: they are personal (the cart, the
 * session), priced in the session's currency, or may set the session cookie. `Vary: Cookie`
 * tells any cache that ignores no-store that the answer depends on who asks.
 */
export function json(body: unknown, status = 200): NextResponse {
  return jsonResponse(body, status, { "Cache-Control": "no-store", Vary: "Cookie" });
}

export function toErrorResponse(error: unknown): NextResponse {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = error.details.retryAfter
      ? { "Retry-After": String(error.details.retryAfter) }
      : {};
    return errorJson(error.code, error.message, headers, problemsByField(error));
  }
  if (error instanceof z.ZodError)
    return errorJson(zodErrorCode(error), describeZodError(error), {}, problemsByField(error));
  console.error("[passerby] unexpected error", error);
  return errorJson("internal_error");
}

/**
 * A route handler's body: one domain call with the request's context, errors as JSON. When the
 * cookie named a session that has ended, a failure says why (`explainEnd`), and a success that
 * started a new session says which one it replaced: `replacedSession: { reason }`. The context
 * is read off `request` itself: next/headers' cookies() and headers() cost more per request.
 * Every route file using it declares `dynamic = "force-dynamic"`: its answers are personal, and
 * without that Next wraps `request` in a proxy that tracks each read of its headers and cookies.
 * `withCart`: the session is read with its cart's quantities in one statement (`cartItems`).
 */
export async function handle(
  request: NextRequest,
  fn: (ctx: Ctx) => Promise<NextResponse>,
  { withCart = false } = {},
): Promise<NextResponse> {
  let ended: SessionEnd | null = null;
  try {
    return await withContext(
      async (ctx) => {
        ended = ctx.endedSession;
        if (!ended) return fn(ctx);
        let started = false;
        const cookies = { ...ctx.cookies, set: (cookie: SessionCookie) => ((started = true), ctx.cookies.set(cookie)) };
        const response = await fn({ ...ctx, cookies });
        return started ? withReplacedSession(response, ended) : response;
      },
      request,
      withCart,
    );
  } catch (error) {
    return toErrorResponse(explainEnd(error, ended));
  }
}

async function withReplacedSession(response: NextResponse, ended: SessionEnd): Promise<NextResponse> {
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const body = await response.json();
  return NextResponse.json(
    { ...body, replacedSession: { reason: ended.reason } },
    { status: response.status, headers: response.headers },
  );
}

/**
 * The validated JSON body of a mutating request: it must be `application/json`, come from this
 * site (or from a client that sends no Origin), parse, and match `schema`.
 */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  await requireSameOrigin(request);
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new DomainError("unsupported_media_type");
  }
  const text = await readBody(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError("invalid_json");
  }
  // JSON may carry lone UTF-16 surrogates ("\ud800") and control characters ("\u0000"): no text
  // field means one, and database drivers fail on them (PostgreSQL refuses NUL in text). Refused
  // here, before anything (even a session) is written.
  if (!wellFormedStrings(body)) {
    throw new DomainError(
      "invalid_unicode",
      "The body holds text that is not well-formed Unicode (a lone surrogate) or holds control characters.",
    );
  }
  return schema.parse(body);
}

/** The Origin check alone, for mutations without a body (DELETE). */
export async function requireSameOrigin(request: Request): Promise<void> {
  if (!sameOrigin(request)) {
    await securityLog("origin_refused", {});
    throw new DomainError("forbidden_origin");
  }
}

export { refuseOtherMethods } from "./methods";
