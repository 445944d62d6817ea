import "server-only";
import type { NextRequest } from "next/server";
import type { Ctx } from "../session/context";
import { networkOf } from "../limits/network";
import { withLogAddress } from "../security-log";
import { catalogChanged } from "./catalog-pages";
import { factsOf, linkOrigin, requestFacts, type RequestFacts } from "./request";
import { sessionCookies, sessionForRequest, type CookieReader } from "./session-cookie";

/** The request as the domain sees it (lib/session/context.ts), built from the cookie and the headers. */
async function requestContext(
  { ip, host, https, userAgent }: RequestFacts,
  readCookie?: CookieReader,
  withCart = false,
): Promise<Ctx> {
  const now = new Date();
  const { session, ended } = await sessionForRequest(now, https, readCookie, withCart);
  return {
    session,
    endedSession: ended,
    ip,
    network: networkOf(ip),
    userAgent,
    now,
    origin: () => linkOrigin(host, https),
    cookies: sessionCookies(https),
    catalogChanged,
  };
}

/**
 * Runs one domain call for this request (every action and route handler goes through here):
 * builds its context once and tags the security log lines it writes with the client address.
 * A route handler passes its request, read directly; an action's is read through next/headers.
 * `withCart`: the session comes with its cart's quantities, read in the same statement.
 */
export async function withContext<T>(
  work: (ctx: Ctx) => Promise<T>,
  request?: NextRequest,
  withCart = false,
): Promise<T> {
  const facts = request ? factsOf(request.headers) : await requestFacts();
  const readCookie = request ? (name: string) => request.cookies.get(name)?.value : undefined;
  return withLogAddress(facts.ip, async () => work(await requestContext(facts, readCookie, withCart)));
}
