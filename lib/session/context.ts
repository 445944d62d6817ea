import type { Preferences } from "./preferences-model";
import type { Session, SessionEnd } from "./types";

/**
 * What a domain function knows about the request it serves. `lib/server/context.ts` builds it
 * once per request from the cookie and the headers; tests and scripts build it by hand
 * (tests/helpers/context.ts). Domain code reads the request only through it and never imports
 * `next/*`, so every rule runs, and is tested, without Next.
 */
export type Ctx = {
  /** The live session behind the request's cookie, or null (none, stale or ended). */
  session: Session | null;
  /** The cookie named a session that has ended, and why (null: it was live, absent or unreadable). */
  endedSession: SessionEnd | null;
  /** The client's address, and its network as rate limits count it (lib/limits/network.ts). */
  ip: string;
  network: string;
  /** The browser's User-Agent (a signed-in session keeps it for its device label). */
  userAgent: string;
  /** The moment the request arrived. */
  now: Date;
  /** This shop's origin, for links in messages; throws host_not_allowed for an unknown Host. */
  origin: () => string;
  /** Where the session cookie goes when the domain starts, continues or ends a session. */
  cookies: SessionCookies;
  /** Tells the page cache that what catalog pages show (the stock) has changed. */
  catalogChanged: () => void;
};

/** The cookie as the domain sees it: a sealed session and the preferences it mirrors. */
export type SessionCookie = { seal: string; expiresAt: Date; preferences: Preferences };

export type SessionCookies = {
  /** Sets the session cookie (a new seal) and mirrors its currency into the hint cookie. */
  set(cookie: SessionCookie): Promise<void>;
  /** Mirrors changed preferences into the currency hint (lib/server/session-cookie.ts). */
  setPreferences(session: { expiresAt: Date; preferences: Preferences }): Promise<void>;
  /** Removes the session cookie and the hint. */
  clear(): Promise<void>;
};
