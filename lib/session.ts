import { sealData, unsealData } from "iron-session";
import { cookies } from "next/headers";
import { after } from "next/server";
import { cache } from "react";
import { config } from "./config";
import { DEFAULT_CURRENCY } from "./currency";
import { db, hotRead, type Tx } from "./db";
import { DomainError } from "./errors";
import { variantFor } from "./experiments";
import { newGuestSessionId, newUserSessionId } from "./ids";
import { permissionsFor, type Scope } from "./permissions";
import { parsePreferences, type Preferences } from "./preferences-model";
import { hit } from "./rate-limit";
import { clientNetwork, secureCookies } from "./request";
import { securityLog } from "./security-log";

// The one module that knows the session cookie. The cookie is sealed by iron-session and holds
// only { sid, type, exp }; the row behind it decides whether the session is still alive, so an
// expired, converted or revoked session's replayed cookie is refused on the very next request.

export const COOKIE_NAME = "passerby_session";
/**
 * Over https the cookie is `__Host-passerby_session`: the browser then only accepts it when it
 * is Secure, set by this host, for path /, so a sibling subdomain or a plain-http page cannot
 * plant one. Over https only this name is read.
 */
export const SECURE_COOKIE_NAME = `__Host-${COOKIE_NAME}`;
const cookieName = async () => ((await secureCookies()) ? SECURE_COOKIE_NAME : COOKIE_NAME);

/**
 * Not a secret: the shopper's currency, mirrored from the session so that next.config.ts can
 * send catalog requests to the prerendered page in that currency. It lives and dies with the
 * session cookie; the session row stays the truth (carts and orders read the row).
 */
export const CURRENCY_COOKIE = "passerby_currency";

type CookiePayload = { sid: string; type: "anonymous" | "authenticated"; exp: number };

export type GuestSession = {
  type: "anonymous";
  id: string;
  createdAt: Date;
  expiresAt: Date;
  preferences: Preferences;
  variant: string | null;
  permissions: Scope[];
};

export type UserSession = {
  type: "authenticated";
  id: string;
  userId: string;
  email: string;
  isAdmin: boolean;
  createdAt: Date;
  expiresAt: Date;
  /** The guest session whose state moved into the account at this log-in, if any. */
  migratedFrom: string | null;
  preferences: Preferences;
  variant: string | null;
  permissions: Scope[];
};

export type Session = GuestSession | UserSession;

/** iron-session seals with the highest key id and unseals with all: the first secret gets it. */
function passwords(): Record<string, string> {
  const secrets = config().sessionSecrets;
  return Object.fromEntries(secrets.map((secret, i) => [String(secrets.length - i), secret]));
}

export async function sealSession(payload: CookiePayload, now = Date.now()): Promise<string> {
  const ttl = Math.max(1, Math.ceil((payload.exp - now) / 1000));
  return sealData(payload, { password: passwords(), ttl });
}

// Unsealing (key derivation, HMAC, AES) is the costly part of a session check, and a browser
// sends the same seal on every request. Verified seals are remembered, bounded and in insertion
// order (the oldest goes first). The cache holds only what the seal says; whether the session is
// still alive is read from its row on every request, so revocation, expiry and conversion still
// take effect on the very next one. The payload's own `exp` is checked on every hit too.
const SEAL_CACHE_SIZE = 10_000;
const verifiedSeals = new Map<string, CookiePayload>();

async function unsealSession(seal: string): Promise<CookiePayload | null> {
  const known = verifiedSeals.get(seal);
  if (known) return known;
  const payload = await openSeal(seal);
  if (payload) {
    if (verifiedSeals.size >= SEAL_CACHE_SIZE) verifiedSeals.delete(verifiedSeals.keys().next().value!);
    verifiedSeals.set(seal, payload);
  }
  return payload;
}

async function openSeal(seal: string): Promise<CookiePayload | null> {
  try {
    const data = await unsealData<Partial<CookiePayload>>(seal, { password: passwords() });
    // unsealData answers {} for an expired, tampered or foreign seal.
    if (typeof data.sid !== "string" || typeof data.exp !== "number") return null;
    if (data.type !== "anonymous" && data.type !== "authenticated") return null;
    return { sid: data.sid, type: data.type, exp: data.exp };
  } catch {
    return null;
  }
}

const LAST_SEEN_RESOLUTION_MS = 60_000;

// The row check runs on every request that carries a cookie, so it is a prepared statement on
// the hot-read connection (lib/db.ts); `npm run bench` measures it and the routes built on it.

type GuestRow = { id: string; status: string; createdAt: string; expiresAt: string; lastSeenAt: string; preferences: string; variant: string | null };
type UserSessionRow = GuestRow & { userId: string; migratedFrom: string | null; email: string; isAdmin: number };

/** A cookie of an ended session came back: refused, and worth a line in the security log. */
async function refuseReplay(id: string, status: string): Promise<null> {
  await securityLog("session.replay_refused", { sessionId: id, status });
  return null;
}

/**
 * How a session check writes what it learnt (the expiry it found, the last-seen time): now, for
 * actions and route handlers; after the response for a page, since pages only read while they
 * render (currentSession passes `after`).
 */
type Write = (work: () => Promise<unknown>) => Promise<void>;
const writeNow: Write = async (work) => {
  await work();
};

async function loadGuestSession(id: string, now: Date, write: Write): Promise<GuestSession | null> {
  const row = hotRead<GuestRow>(
    `SELECT "id", "status", "createdAt", "expiresAt", "lastSeenAt", "preferences", "variant"
     FROM "GuestSession" WHERE "id" = ?`, id);
  if (!row) return null;
  if (row.status !== "active") return refuseReplay(id, row.status);
  const expiresAt = new Date(row.expiresAt);
  if (expiresAt <= now) {
    // Expiry is absolute and checked here, whatever the cookie says.
    await write(async () => {
      const { count } = await db.guestSession.updateMany({ where: { id, status: "active" }, data: { status: "expired", endedAt: now } });
      if (count === 1) await securityLog("session.expired", { sessionId: id, type: "anonymous" });
    });
    return null;
  }
  if (now.getTime() - Date.parse(row.lastSeenAt) > LAST_SEEN_RESOLUTION_MS) {
    await write(() => db.guestSession.update({ where: { id }, data: { lastSeenAt: now } }));
  }
  return {
    type: "anonymous",
    id: row.id,
    createdAt: new Date(row.createdAt),
    expiresAt,
    preferences: parsePreferences(row.preferences),
    variant: row.variant,
    permissions: permissionsFor("anonymous", config().anonPermissions),
  };
}

async function loadUserSession(id: string, now: Date, write: Write): Promise<UserSession | null> {
  const row = hotRead<UserSessionRow>(
    `SELECT s."id", s."status", s."createdAt", s."expiresAt", s."lastSeenAt", s."userId", s."migratedFrom",
            u."email", u."isAdmin", u."preferences", u."variant"
     FROM "UserSession" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ?`, id);
  if (!row) return null;
  if (row.status !== "active") return refuseReplay(id, row.status);
  const expiresAt = new Date(row.expiresAt);
  if (expiresAt <= now) {
    await write(async () => {
      const { count } = await db.userSession.updateMany({ where: { id, status: "active" }, data: { status: "expired", endedAt: now } });
      if (count === 1) await securityLog("session.expired", { sessionId: id, type: "authenticated" });
    });
    return null;
  }
  if (now.getTime() - Date.parse(row.lastSeenAt) > LAST_SEEN_RESOLUTION_MS) {
    await write(() => db.userSession.update({ where: { id }, data: { lastSeenAt: now } }));
  }
  const isAdmin = row.isAdmin === 1;
  return {
    type: "authenticated",
    id: row.id,
    userId: row.userId,
    email: row.email,
    isAdmin,
    createdAt: new Date(row.createdAt),
    expiresAt,
    migratedFrom: row.migratedFrom,
    preferences: parsePreferences(row.preferences),
    variant: row.variant,
    permissions: permissionsFor(isAdmin ? "admin" : "authenticated"),
  };
}

/**
 * The live session behind a sealed cookie, or null. `stale` says a cookie was sent but is of
 * no use (tampered, foreign, expired, ended or unknown) and should be cleared.
 */
export async function resolveSession(
  seal: string | undefined,
  now = new Date(),
  write: Write = writeNow,
): Promise<{ session: Session | null; stale: boolean }> {
  if (!seal) return { session: null, stale: false };
  const payload = await unsealSession(seal);
  if (!payload || payload.exp <= now.getTime()) return { session: null, stale: true };
  const session =
    payload.type === "anonymous" ? await loadGuestSession(payload.sid, now, write) : await loadUserSession(payload.sid, now, write);
  return { session, stale: session === null };
}

/** Creates a guest session row and its sealed cookie value. */
export async function createGuestSession(now = new Date()): Promise<{ session: GuestSession; seal: string }> {
  const id = newGuestSessionId();
  const expiresAt = new Date(now.getTime() + config().guestSessionTtl * 1000);
  const row = await db.guestSession.create({
    data: { id, createdAt: now, lastSeenAt: now, expiresAt, variant: variantFor(id) },
  });
  const seal = await sealSession({ sid: id, type: "anonymous", exp: expiresAt.getTime() }, now.getTime());
  await securityLog("session.created", { sessionId: id, type: "anonymous" });
  return {
    session: {
      type: "anonymous",
      id,
      createdAt: row.createdAt,
      expiresAt,
      preferences: {},
      variant: row.variant,
      permissions: permissionsFor("anonymous", config().anonPermissions),
    },
    seal,
  };
}

/** Creates a signed-in session row (always a new id) and its sealed cookie value. */
export async function createUserSession(
  userId: string,
  migratedFrom: string | null,
  now = new Date(),
): Promise<{ id: string; expiresAt: Date; seal: string }> {
  const id = newUserSessionId();
  const expiresAt = new Date(now.getTime() + config().userSessionTtl * 1000);
  await db.userSession.create({ data: { id, userId, createdAt: now, lastSeenAt: now, expiresAt, migratedFrom } });
  const seal = await sealSession({ sid: id, type: "authenticated", exp: expiresAt.getTime() }, now.getTime());
  await securityLog("session.created", { sessionId: id, type: "authenticated", userId });
  return { id, expiresAt, seal };
}

/** Ends a session on the server: its cookie, replayed, is refused from now on. */
export async function revokeSession(session: Session, now = new Date()): Promise<void> {
  const where = { id: session.id, status: "active" };
  const data = { status: "revoked", endedAt: now };
  const { count } =
    session.type === "anonymous" ? await db.guestSession.updateMany({ where, data }) : await db.userSession.updateMany({ where, data });
  if (count === 1) await securityLog("session.ended", { sessionId: session.id, type: session.type });
}

/**
 * Gives a live guest session a new id, inside the caller's transaction, and ends the old one.
 * Checkout calls it: whoever else holds the old cookie (planted before the order, or copied)
 * can read nothing of the order, because the order, the lead, the messages, the events, the
 * preferences and the variant now belong to the new id. Created and expiry times are kept: the
 * absolute expiry is not extended by buying something.
 */
export async function rotateGuestSession(tx: Tx, session: GuestSession, now = new Date()): Promise<GuestSession> {
  const old = await tx.guestSession.findUniqueOrThrow({ where: { id: session.id } });
  const id = newGuestSessionId();
  await tx.guestSession.create({
    data: {
      id, createdAt: old.createdAt, expiresAt: old.expiresAt, lastSeenAt: now,
      preferences: old.preferences, variant: old.variant, exposedAt: old.exposedAt,
    },
  });
  const moved = { where: { guestSessionId: session.id }, data: { guestSessionId: id } };
  await tx.cart.updateMany(moved);
  await tx.order.updateMany(moved);
  await tx.lead.updateMany(moved);
  await tx.outboxMessage.updateMany(moved);
  await tx.event.updateMany(moved);
  const ended = await tx.guestSession.updateMany({ where: { id: session.id, status: "active" }, data: { status: "revoked", endedAt: now } });
  // Two checkouts with the same cookie at once: the second finds the old id already ended.
  if (ended.count !== 1) {
    throw new DomainError("session_ended", "Your guest session ended while checking out. Nothing was charged; start again.");
  }
  return { ...session, id };
}

// ---- Request-bound helpers (server components, server actions, route handlers) ----

/** The current session for reading (server components may not change cookies). */
export const currentSession = cache(async (): Promise<Session | null> => {
  const jar = await cookies();
  const later: Write = async (work) => after(work);
  return (await resolveSession(jar.get(await cookieName())?.value, new Date(), later)).session;
});

async function cookieOptions(expiresAt: Date) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: await secureCookies(),
    path: "/",
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  };
}

async function writeCookie(seal: string, expiresAt: Date, preferences: Preferences) {
  (await cookies()).set(await cookieName(), seal, await cookieOptions(expiresAt));
  await writeCurrencyHint({ expiresAt, preferences });
}

/** Mirrors the session's currency into CURRENCY_COOKIE (absent means the default, USD). */
export async function writeCurrencyHint(session: { expiresAt: Date; preferences: Preferences }) {
  const jar = await cookies();
  const currency = session.preferences.currency;
  if (currency && currency !== DEFAULT_CURRENCY) jar.set(CURRENCY_COOKIE, currency, await cookieOptions(session.expiresAt));
  else if (jar.has(CURRENCY_COOKIE)) jar.delete(CURRENCY_COOKIE);
}

/**
 * Puts CURRENCY_COOKIE back in line with the session (its preference may have changed on
 * another device), or removes a stray one. Called by the header's request, once per navigation.
 */
export async function syncCurrencyHint(session: Session | null) {
  const jar = await cookies();
  const hinted = jar.get(CURRENCY_COOKIE)?.value;
  const wanted = session?.preferences.currency && session.preferences.currency !== DEFAULT_CURRENCY ? session.preferences.currency : undefined;
  if (hinted === wanted) return;
  if (session) await writeCurrencyHint(session);
  else jar.delete(CURRENCY_COOKIE);
}

async function clearCookie() {
  const jar = await cookies();
  const name = await cookieName();
  // A __Host- cookie is only removed by a Set-Cookie that is itself Secure, path /.
  if (name === SECURE_COOKIE_NAME) jar.set(name, "", { secure: true, httpOnly: true, sameSite: "lax", path: "/", maxAge: 0 });
  else jar.delete(name);
  if (jar.has(CURRENCY_COOKIE)) jar.delete(CURRENCY_COOKIE);
}

/** For server actions and route handlers: the current session, clearing a stale cookie. */
export async function sessionForAction(): Promise<Session | null> {
  const jar = await cookies();
  const { session, stale } = await resolveSession(jar.get(await cookieName())?.value);
  if (stale) await clearCookie();
  return session;
}

/**
 * The current session, or a new guest session when there is none (rate-limited per client IP).
 * Only server actions and route handlers call this: browsing alone never creates a session.
 */
export async function ensureSession(): Promise<{ session: Session; created: boolean }> {
  const existing = await sessionForAction();
  if (existing) return { session: existing, created: false };
  return { session: await startGuestSession(), created: true };
}

/** Starts a guest session and sets its cookie; new sessions are rate-limited per client IP. */
export async function startGuestSession(): Promise<GuestSession> {
  await hit("sessions", await clientNetwork(), config().rateLimits.sessions);
  const { session, seal } = await createGuestSession();
  await writeCookie(seal, session.expiresAt, session.preferences);
  return session;
}

/** The scopes of whoever is calling: a visitor without a session has the anonymous ones. */
export const visitorPermissions = (session: Session | null): Scope[] =>
  session?.permissions ?? permissionsFor("anonymous", config().anonPermissions);

/** Signs the visitor in: a new session id in a new cookie, replacing whatever cookie was there. */
export async function startUserSession(userId: string, migratedFrom: string | null): Promise<void> {
  const { seal, expiresAt } = await createUserSession(userId, migratedFrom);
  // Called after migration, so the account's preferences are the merged ones.
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { preferences: true } });
  await writeCookie(seal, expiresAt, parsePreferences(user.preferences));
}

/** Seals a cookie for a guest session that continues under a new id (see rotateGuestSession). */
export async function continueGuestSession(session: GuestSession): Promise<void> {
  const seal = await sealSession({ sid: session.id, type: "anonymous", exp: session.expiresAt.getTime() });
  await writeCookie(seal, session.expiresAt, session.preferences);
}

/** Ends the current session (log-out or discarding a guest session) and clears the cookie. */
export async function endCurrentSession(): Promise<boolean> {
  const session = await sessionForAction();
  await clearCookie();
  if (!session) return false;
  await revokeSession(session);
  return true;
}
