import "server-only";
import type { Ctx } from "../context";
import { networkOf } from "../limits/network";
import { withLogAddress } from "../security-log";
import { catalogChanged } from "./catalog-pages";
import { linkOrigin, requestFacts, type RequestFacts } from "./request";
import { sessionCookies, sessionForRequest } from "./session-cookie";

/** The request as the domain sees it (lib/context.ts), built from the cookie and the headers. */
async function requestContext({ ip, host, https, userAgent }: RequestFacts): Promise<Ctx> {
  const now = new Date();
  const { session, ended } = await sessionForRequest(now, https);
  return {
    session,
    endedSession: ended,
    ip,
    network: networkOf(ip),
    userAgent,
    now,
    origin: () => linkOrigin(host, https),
    cookies: sessionCookies,
    catalogChanged,
  };
}

/**
 * Runs one domain call for this request (every action and route handler goes through here):
 * builds its context once and tags the security log lines it writes with the client address.
 */
export async function withContext<T>(work: (ctx: Ctx) => Promise<T>): Promise<T> {
  const facts = await requestFacts();
  return withLogAddress(facts.ip, async () => work(await requestContext(facts)));
}
