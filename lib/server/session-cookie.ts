import "server-only";
import { cookies } from "next/headers";
import { after } from "next/server";
import { cache } from "react";
import { DEFAULT_CURRENCY } from "../catalog/currency";
import type { SessionCookies } from "../session/context";
import type { Preferences } from "../session/preferences-model";
import { resolveSession, type Write } from "../session/check";
import { type Session, type SessionEnd } from "../session/types";
import { FLASH_COOKIE } from "./flash";
import { secureCookies } from "./request";

// The one module that reads and writes the session cookie. What the cookie holds and what makes
// a session alive is lib/session/check.ts; this is the jar.

export const COOKIE_NAME = "passerby_session";
/**
 * Over https the cookie is `__Host-passerby_session`: the browser then only accepts it when it
 * is Secure, set by this host, for path /, so a sibling subdomain or a plain-http page cannot
 * plant one. Over https only this name is read.
 */
export const SECURE_COOKIE_NAME = `__Host-${COOKIE_NAME}`;
const nameFor = (https: boolean) => (https ? SECURE_COOKIE_NAME : COOKIE_NAME);
const cookieName = async () => nameFor(await secureCookies());

/**
 * Not a secret: the shopper's currency, mirrored from the session so that next.config.ts can
 * send catalog requests to the prerendered page in that currency. It lives and dies with the
 * session cookie; the session row stays the truth (carts and orders read the row).
 */
export const CURRENCY_COOKIE = "passerby_currency";

/**
 * Not a secret either: why the last session cookie was cleared ("anonymous:ended:0"), for a few
 * minutes, so that what comes next without the cookie (the page an action renders again, the
 * form sent after the header's request cleared it) can still say why. A new session clears it.
 */
const ENDED_COOKIE = "passerby_session_ended";
const ENDED_MAX_AGE = 300;
const encodeEnd = (end: SessionEnd) => `${end.type}:${end.reason}:${end.idle ? 1 : 0}`;
function decodeEnd(value: string | undefined): SessionEnd | null {
  const match = /^(anonymous|authenticated):(expired|ended|converted):([01])$/.exec(value ?? "");
  return match
    ? { type: match[1] as SessionEnd["type"], reason: match[2] as SessionEnd["reason"], idle: match[3] === "1" }
    : null;
}

/** The cookie's session as a page sees it, checked once per render. */
const pageSession = cache(async () => {
  const jar = await cookies();
  // Pages only read while rendering: what the check learnt (expiry, last seen) is written after.
  const later: Write = async (work) => after(work);
  return resolveSession(jar.get(await cookieName())?.value, new Date(), later);
});

/** The current session for reading (server components may not change cookies). */
export const currentSession = async (): Promise<Session | null> => (await pageSession()).session;

/** For pages: why the session the cookie names (or named, a moment ago) has ended, or null. */
export const endedSession = async (): Promise<SessionEnd | null> =>
  (await pageSession()).ended ?? decodeEnd((await cookies()).get(ENDED_COOKIE)?.value);

/** Reads a request cookie's value by name. */
export type CookieReader = (name: string) => string | undefined;

/**
 * For actions and route handlers: the current session (clearing a stale cookie), or why it
 * ended. A route handler passes a reader over its request's cookies; changes go through the jar.
 * `withCart`: resolveSession's, for an answer that shows the cart too.
 */
export async function sessionForRequest(
  now: Date,
  https: boolean,
  read?: CookieReader,
  withCart = false,
): Promise<{ session: Session | null; ended: SessionEnd | null }> {
  const readCookie = read ?? (async (name: string) => (await cookies()).get(name)?.value);
  const seal = await readCookie(nameFor(https));
  const { session, stale, ended } = await resolveSession(seal, now, undefined, withCart);
  // The loser of a race with a checkout's rotation leaves the cookies alone: its answer may
  // arrive after the winner's, whose new cookie it would otherwise delete (it never learns it).
  const rotated = ended?.rotated === true;
  if (stale && !rotated) await clearCookies(https);
  if (ended && !rotated)
    (await cookies()).set(ENDED_COOKIE, encodeEnd(ended), {
      httpOnly: true,
      sameSite: "lax",
      secure: https,
      path: "/",
      maxAge: ENDED_MAX_AGE,
    });
  return { session, ended: ended ?? (seal ? null : decodeEnd(await readCookie(ENDED_COOKIE))) };
}

function cookieOptions(expiresAt: Date, https: boolean) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: https,
    path: "/",
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  };
}

type Jar = Awaited<ReturnType<typeof cookies>>;

/** Mirrors the session's currency into CURRENCY_COOKIE (absent means the default currency). */
function writeCurrencyHint(jar: Jar, session: { expiresAt: Date; preferences: Preferences }, https: boolean) {
  const currency = session.preferences.currency;
  if (currency && currency !== DEFAULT_CURRENCY)
    jar.set(CURRENCY_COOKIE, currency, cookieOptions(session.expiresAt, https));
  else if (jar.has(CURRENCY_COOKIE)) jar.delete(CURRENCY_COOKIE);
}

/**
 * Puts CURRENCY_COOKIE back in line with the session (its preference may have changed on
 * another device), or removes a stray one. Called by the header's request, once per navigation.
 */
export async function syncCurrencyHint(session: Session | null) {
  const jar = await cookies();
  const hinted = jar.get(CURRENCY_COOKIE)?.value;
  const wanted =
    session?.preferences.currency && session.preferences.currency !== DEFAULT_CURRENCY
      ? session.preferences.currency
      : undefined;
  if (hinted === wanted) return;
  if (session) writeCurrencyHint(jar, session, await secureCookies());
  else jar.delete(CURRENCY_COOKIE);
}

async function clearCookies(https: boolean) {
  const jar = await cookies();
  const name = nameFor(https);
  // A __Host- cookie is only removed by a Set-Cookie that is itself Secure, path /.
  if (name === SECURE_COOKIE_NAME)
    jar.set(name, "", { secure: true, httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
  else jar.delete(name);
  if (jar.has(CURRENCY_COOKIE)) jar.delete(CURRENCY_COOKIE);
}

/** The jar the domain writes through (Ctx.cookies), for a request over https or not. */
export const sessionCookies = (https: boolean): SessionCookies => ({
  async set({ seal, expiresAt, preferences }) {
    const jar = await cookies();
    jar.set(nameFor(https), seal, cookieOptions(expiresAt, https));
    if (jar.has(ENDED_COOKIE)) jar.delete(ENDED_COOKIE);
    if (jar.has(FLASH_COOKIE)) jar.delete(FLASH_COOKIE); // said to the session before this one
    writeCurrencyHint(jar, { expiresAt, preferences }, https);
  },
  setPreferences: async (session) => writeCurrencyHint(await cookies(), session, https),
  clear: () => clearCookies(https),
});
