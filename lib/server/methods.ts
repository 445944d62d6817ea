import "server-only";
import type { NextResponse } from "next/server";
import { errorJson } from "./error-body";

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
const METHODS: Method[] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
type Handler = (request: Request) => Promise<NextResponse>;

/**
 * Handlers for every method a route does not answer: `405 method_not_allowed` as JSON, with
 * `Allow` (Next's own 405 has an empty body and no Allow). Each route file ends with
 * `export const { … } = refuseOtherMethods("GET")`; tests/api-routes.test.ts checks that the
 * methods named here are exactly the ones the file exports.
 */
export function refuseOtherMethods(...allowed: Exclude<Method, "HEAD">[]): Record<Method, Handler> {
  const answers = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
  const refuse: Handler = async (request) =>
    errorJson(
      "method_not_allowed",
      `${new URL(request.url).pathname} does not answer ${request.method}; it answers ${answers.join(", ")}.`,
      { Allow: answers.join(", ") },
    );
  return Object.fromEntries(METHODS.map((m) => [m, refuse])) as Record<Method, Handler>;
}
