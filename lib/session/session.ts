import { config } from "../config";
import { preferencesColumn } from "../db/codecs";
import { db } from "../db/client";
import { guestSessionRow, userSessionRow, type CartQuantity } from "../db/hot-reads";
import { expireSessionRow, hotWrite, insertGuestSession, moveGuestSession, touchSessionRow } from "../db/hot-writes";
import type { Sql } from "../db/sql";
import { DomainError } from "../errors";
import { variantFor } from "../journeys/experiments";
import { keyedHash, newGuestSessionId, newSessionHandle, newUserSessionId } from "./ids";
import { permissionsFor, type Scope } from "./permissions";
import { sealOffThread, unsealOffThread } from "./seal-thread";
import type { Preferences } from "./preferences-model";
import { hitAllThen, type Hit } from "../limits/rate-limit";
import type { Ctx } from "../context";
import { securityLog } from "../security-log";

// Guest and signed-in sessions: the sealed value the cookie carries (iron-session, holding only
// { sid, type, exp }), the row behind it, which decides whether the session is still alive (so an
// expired, converted or revoked session's replayed cookie is refused on the very next request),
// and starting, continuing and ending sessions for a request (Ctx). Writing the cookie itself is
// lib/server/session-cookie.ts's job.

type CookiePayload = { sid: string; type: "anonymous" | "authenticated"; exp: number };

export type GuestSession = {
  type: "anonymous";
  id: string;
  createdAt: Date;
  expiresAt: Date;
  /** When it ends if no request comes before (GUEST_IDLE_TIMEOUT after the last one). */
  idleExpiresAt: Date;
  preferences: Preferences;
  variant: string | null;
  permissions: Scope[];
  /** Its cart when the session was checked, read with its row (`withCart`); else absent. */
  cartItems?: readonly CartQuantity[];
};

export type UserSession = {
  type: "authenticated";
  id: string;
  /** What "Your sessions" shows and ends it by (never the id). */
  publicId: string;
  userId: string;
  email: string;
  isAdmin: boolean;
  createdAt: Date;
  expiresAt: Date;
  /** When it ends if no request comes before (USER_IDLE_TIMEOUT after the last one). */
  idleExpiresAt: Date;
  /** The guest session whose state moved into the account at this log-in, if any. */
  migratedFrom: string | null;
  preferences: Preferences;
  variant: string | null;
  permissions: Scope[];
  /** Its cart when the session was checked, read with its row (`withCart`); else absent. */
  cartItems?: readonly CartQuantity[];
};

export type Session = GuestSession | UserSession;

/** The signed-in session, or a refusal (403) with `why` for a guest or a visitor without a session. */
export function requireMember(session: Session | null, why: string): UserSession {
  if (session?.type !== "authenticated") throw new DomainError("forbidden", why);
  return session;
}

/** Who owns what a session makes (a cart, orders, messages): the guest session, or the account. */
export type Owner = { guestSessionId: string } | { userId: string };
export const ownerOf = (session: Session): Owner =>
  session.type === "anonymous" ? { guestSessionId: session.id } : { userId: session.userId };

/** iron-session seals with the highest key id and unseals with all: the first secret gets it. */
function passwords(): Record<string, string> {
  const secrets = config().sessionSecrets;
  return Object.fromEntries(secrets.map((secret, i) => [String(secrets.length - i), secret]));
}

/** The cookie's sealed value (iron-session, on its own thread: ./seal-thread.ts). */
export async function sealSession(payload: CookiePayload, now = Date.now()): Promise<string> {
  const ttl = Math.max(1, Math.ceil((payload.exp - now) / 1000));
  return sealOffThread(payload, passwords(), ttl);
}

// Unsealing (key derivation, HMAC, AES) is the costly part of a session check, and a browser
// sends the same seal on every request. Verified seals are remembered, bounded and in insertion
// order (the oldest goes first). The cache holds only what the seal says; whether the session is
// still alive is checked against its row on every request (on SQLite the row as last read,
// while no connection has committed since: lib/db/sqlite.ts), so revocation, expiry and
// conversion still take effect on the very next one. The payload's own `exp` is checked on every hit too.
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
    const data = await unsealOffThread<Partial<CookiePayload>>(seal, passwords());
    // unsealData answers {} for an expired, tampered or foreign seal.
    if (typeof data.sid !== "string" || typeof data.exp !== "number") return null;
    if (data.type !== "anonymous" && data.type !== "authenticated") return null;
    return { sid: data.sid, type: data.type, exp: data.exp };
  } catch {
    return null;
  }
}

const LAST_SEEN_RESOLUTION_MS = 60_000;

// The row check runs on every request that carries a cookie: a prepared statement
// (lib/db/hot-reads.ts); `npm run bench` measures it and the routes built on it.

/**
 * How a session check writes what it learnt (the expiry it found, the last-seen time): now, for
 * actions and route handlers; after the response for a page, since pages only read while they
 * render (currentSession passes `after`).
 */
export type Write = (work: () => Promise<unknown>) => Promise<void>;
const writeNow: Write = async (work) => {
  await work();
};

type SessionType = Session["type"];

/** The table a session type's rows live in. */
const sessionTable = { anonymous: "GuestSession", authenticated: "UserSession" } as const;

/**
 * Why the session a cookie names can no longer be used, when the shop knows it: it expired (its
 * lifetime, or for a guest its idle timeout), it was ended (log-out, "End this session", another
 * tab, an administrator, a checkout's rotation), or the guest became an account. The JSON API
 * says it as `replacedSession: { reason }`; pages and forms say `describeEnd`.
 */
export type SessionEnd = {
  type: SessionType; reason: "expired" | "ended" | "converted"; idle: boolean;
  /**
   * Present (true) when a checkout ended it by giving the same guest a new id: the request that
   * carries the old id lost a race to that checkout (a double submit, another tab), and its
   * browser already holds, or is about to get, the new cookie, which it must not clear.
   */
  rotated?: true;
};

const endOfRow = (type: SessionType, row: { status: string; expiresAt: Date }, now: Date): SessionEnd => ({
  type,
  reason: row.status === "converted" ? "converted" : row.status === "revoked" ? "ended" : "expired",
  idle: row.status === "expired" && row.expiresAt > now,
});

/**
 * Whether a session row still makes a live session: null when it does, else why not. An ended
 * one's cookie came back: refused, and worth a line in the security log. Expiry is absolute and
 * checked here, whatever the cookie says; last-seen is kept to the minute.
 */
async function endOf(
  type: SessionType,
  row: { id: string; status: string; expiresAt: Date; lastSeenAt: Date },
  now: Date,
  write: Write,
): Promise<SessionEnd | null> {
  if (row.status !== "active") {
    await securityLog("session.replay_refused", { sessionId: row.id, status: row.status });
    const end = endOfRow(type, row, now);
    // Asked only here, off the hot path: an ended guest session, was it a checkout's rotation?
    if (type === "anonymous" && row.status === "revoked" && (await db.guestSession.findUnique({ where: { id: row.id }, select: { rotated: true } }))?.rotated) {
      return { ...end, rotated: true };
    }
    return end;
  }
  const idle = now >= idleExpiry[type](row.lastSeenAt);
  if (row.expiresAt <= now || idle) {
    await write(async () => {
      const marked = await hotWrite((tx) => expireSessionRow(tx, sessionTable[type], row.id, now));
      if (marked) await securityLog("session.expired", { sessionId: row.id, type, reason: idle ? "idle" : "absolute" });
    });
    return { type, reason: "expired", idle: idle && row.expiresAt > now };
  }
  if (seenAt(row.lastSeenAt, now) === now) await write(() => hotWrite((tx) => touchSessionRow(tx, sessionTable[type], row.id, now)));
  return null;
}

/** When a live session was last seen, counting this request: kept to the minute (LAST_SEEN_RESOLUTION_MS). */
const seenAt = (lastSeenAt: Date, now: Date) => (now.getTime() - lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS ? now : lastSeenAt);

/** What a request fails with when its session is gone: said as why it is gone (with the same code). */
const LOST_SESSION = new Set(["no_session", "not_in_cart", "not_saved", "empty_cart", "session_ended", "forbidden"]);

export function explainEnd(error: unknown, ended: SessionEnd | null): unknown {
  if (!ended || !(error instanceof DomainError) || !LOST_SESSION.has(error.code)) return error;
  return new DomainError(error.code, describeEnd(ended), error.details);
}

const hours = (seconds: number) => {
  const h = Math.round(seconds / 3600);
  return h >= 48 && h % 24 === 0 ? `${h / 24} days` : h === 1 ? "an hour" : `${h} hours`;
};

/** The sentence a shopper reads where they act, with the way back. */
export function describeEnd(end: SessionEnd): string {
  const c = config();
  if (end.type === "authenticated") {
    if (end.reason !== "expired") return "You were signed out (from another tab or device): log in again to go on.";
    return end.idle
      ? `You were signed out after ${hours(c.userIdleTimeout)} without activity: log in again to go on.`
      : `You were signed out after ${hours(c.userSessionTtl)}: log in again to go on.`;
  }
  switch (end.reason) {
    case "converted":
      return "This guest session became an account: log in to find its cart.";
    case "ended":
      return end.rotated
        ? "An order was just placed with this guest session in another tab or window, and it goes on under a new id there. Reload the page to see it."
        : "This guest session was ended in another tab or window, so its cart is gone. Log in if you have an account.";
    case "expired":
      return end.idle
        ? `Your guest session ended after ${hours(c.guestIdleTimeout)} without activity, so its cart was cleared. Log in if you have an account, or start again.`
        : `Your guest session ended after ${hours(c.guestSessionTtl)}, so its cart was cleared. Log in if you have an account, or start again.`;
    default:
      throw new Error(`No sentence for a session that ended as ${end.reason satisfies never}.`); // a new reason fails to compile first
  }
}

/** A guest session seen last at `lastSeenAt` ends at this moment unless a request comes first. */
export const guestIdleExpiry = (lastSeenAt: Date) => new Date(lastSeenAt.getTime() + config().guestIdleTimeout * 1000);
/** The same for a signed-in session (USER_IDLE_TIMEOUT). */
export const userIdleExpiry = (lastSeenAt: Date) => new Date(lastSeenAt.getTime() + config().userIdleTimeout * 1000);
const idleExpiry: Record<SessionType, (lastSeenAt: Date) => Date> = { anonymous: guestIdleExpiry, authenticated: userIdleExpiry };

async function loadGuestSession(id: string, now: Date, write: Write, withCart: boolean): Promise<GuestSession | SessionEnd | null> {
  const row = await guestSessionRow(id, withCart);
  if (!row) return null;
  const end = await endOf("anonymous", row, now, write);
  if (end) return end;
  return {
    type: "anonymous",
    id: row.id,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    idleExpiresAt: guestIdleExpiry(seenAt(row.lastSeenAt, now)),
    preferences: row.preferences,
    variant: row.variant,
    permissions: permissionsFor("anonymous", config().anonPermissions),
    ...(row.cart ? { cartItems: row.cart } : {}),
  };
}

async function loadUserSession(id: string, now: Date, write: Write, withCart: boolean): Promise<UserSession | SessionEnd | null> {
  const row = await userSessionRow(id, withCart);
  if (!row) return null;
  const end = await endOf("authenticated", row, now, write);
  if (end) return end;
  return {
    type: "authenticated",
    id: row.id,
    publicId: row.publicId,
    userId: row.userId,
    email: row.email,
    isAdmin: row.isAdmin,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    idleExpiresAt: userIdleExpiry(seenAt(row.lastSeenAt, now)),
    migratedFrom: row.migratedFrom,
    preferences: row.preferences,
    variant: row.variant,
    permissions: permissionsFor(row.isAdmin ? "admin" : "authenticated"),
    ...(row.cart ? { cartItems: row.cart } : {}),
  };
}

/**
 * The live session behind a sealed cookie, or null. `stale` says a cookie was sent but is of
 * no use (tampered, foreign, expired, ended or unknown) and should be cleared; `ended` says why,
 * when the cookie named a real session that has ended. `withCart` reads its cart's quantities
 * in the same statement as its row (`cartItems`), for an answer that shows both.
 */
export async function resolveSession(
  seal: string | undefined,
  now = new Date(),
  write: Write = writeNow,
  withCart = false,
): Promise<{ session: Session | null; stale: boolean; ended: SessionEnd | null }> {
  if (!seal) return { session: null, stale: false, ended: null };
  const payload = await unsealSession(seal);
  if (!payload) return { session: null, stale: true, ended: null };
  if (payload.exp <= now.getTime()) return { session: null, stale: true, ended: { type: payload.type, reason: "expired", idle: false } };
  const found =
    payload.type === "anonymous"
      ? await loadGuestSession(payload.sid, now, write, withCart)
      : await loadUserSession(payload.sid, now, write, withCart);
  if (found && "id" in found) return { session: found, stale: false, ended: null };
  return { session: null, stale: true, ended: found };
}

/**
 * Creates a guest session row and its sealed cookie value. `alsoIn` runs in the same transaction
 * (what the new session is for, e.g. using up a restore link): when it throws, no session is made.
 */
export async function createGuestSession(
  now = new Date(), limits: Hit[] = [], alsoIn?: (tx: Sql) => Promise<void>,
): Promise<{ session: GuestSession; seal: string }> {
  const id = newGuestSessionId();
  const expiresAt = new Date(now.getTime() + config().guestSessionTtl * 1000);
  const variant = variantFor(id);
  const insert = async (tx: Sql) => {
    await insertGuestSession(tx, { id, logHash: keyedHash(id), createdAt: now, expiresAt, variant });
    await alsoIn?.(tx);
  };
  // With rate limits to count, in the same transaction as their hits: one commit.
  await (limits.length > 0 ? hitAllThen(limits, insert, now.getTime()) : hotWrite(insert));
  const seal = await sealSession({ sid: id, type: "anonymous", exp: expiresAt.getTime() }, now.getTime());
  await securityLog("session.created", { sessionId: id, type: "anonymous" });
  return {
    session: {
      type: "anonymous",
      id,
      createdAt: now,
      expiresAt,
      idleExpiresAt: guestIdleExpiry(now),
      preferences: {},
      variant,
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
  userAgent = "",
): Promise<{ id: string; expiresAt: Date; seal: string }> {
  const id = newUserSessionId();
  const expiresAt = new Date(now.getTime() + config().userSessionTtl * 1000);
  await db.userSession.create({
    data: { id, logHash: keyedHash(id), publicId: newSessionHandle(), userId, createdAt: now, lastSeenAt: now, expiresAt, migratedFrom, userAgent },
  });
  const seal = await sealSession({ sid: id, type: "authenticated", exp: expiresAt.getTime() }, now.getTime());
  await securityLog("session.created", { sessionId: id, type: "authenticated", userId });
  return { id, expiresAt, seal };
}

/** Ends a session on the server: its cookie, replayed, is refused from now on. */
export async function revokeSession(session: Session, now = new Date()): Promise<void> {
  const where = { id: session.id, status: "active" } as const;
  const data = { status: "revoked", endedAt: now } as const;
  const { count } =
    session.type === "anonymous" ? await db.guestSession.updateMany({ where, data }) : await db.userSession.updateMany({ where, data });
  if (count === 1) await securityLog("session.ended", { sessionId: session.id, type: session.type });
}

/**
 * Gives a live guest session a new id and ends the old one, inside the caller's hot write
 * (lib/db/hot-writes.ts: all or nothing). Checkout calls it: whoever else holds
 * the old cookie (planted before the order, or copied) can read nothing of the order, because
 * the order, the lead, the messages, the events, the preferences and the variant now belong to
 * the new id. Created and expiry times are kept: buying something does not extend the session.
 */
export async function rotateGuestSession(tx: Sql, session: GuestSession, now = new Date()): Promise<GuestSession> {
  const id = newGuestSessionId();
  // Two checkouts with the same cookie at once: the second finds the old id already ended.
  if (!(await moveGuestSession(tx, session.id, id, keyedHash(id), now))) {
    throw new DomainError("session_ended", "Your guest session ended while checking out. Nothing was charged; start again.");
  }
  return { ...session, id, idleExpiresAt: guestIdleExpiry(now) };
}

// ---- Sessions for a request (Ctx): the cookie goes through ctx.cookies ----

/** The scopes of whoever is calling: a visitor without a session has the anonymous ones. */
export const visitorPermissions = (session: Session | null): Scope[] =>
  session?.permissions ?? permissionsFor("anonymous", config().anonPermissions);

/**
 * Starts a guest session and sets its cookie; new sessions are rate-limited per client network,
 * a minute and an hour. `alsoIn`: see createGuestSession (when it throws, no session and no cookie).
 */
export async function startGuestSession(ctx: Ctx, alsoIn?: (tx: Sql) => Promise<void>): Promise<GuestSession> {
  const { sessions, sessionsPerHour } = config().rateLimits;
  const { session, seal } = await createGuestSession(ctx.now, [
    { limit: "sessions", subject: ctx.network, max: sessions },
    { limit: "hour.sessions", subject: ctx.network, max: sessionsPerHour },
  ], alsoIn);
  await ctx.cookies.set({ seal, expiresAt: session.expiresAt, preferences: session.preferences });
  return session;
}

/**
 * The request's session, or a new guest session when there is none. Only actions and route
 * handlers get here: browsing alone never creates a session.
 */
export async function ensureSession(ctx: Ctx): Promise<{ session: Session; created: boolean }> {
  if (ctx.session) return { session: ctx.session, created: false };
  return { session: await startGuestSession(ctx), created: true };
}

/** Signs the visitor in: a new session id in a new cookie, replacing whatever cookie was there. */
export async function startUserSession(ctx: Ctx, userId: string, migratedFrom: string | null): Promise<void> {
  const { seal, expiresAt } = await createUserSession(userId, migratedFrom, ctx.now, ctx.userAgent);
  // Called after migration, so the account's preferences are the merged ones.
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { preferences: true } });
  await ctx.cookies.set({ seal, expiresAt, preferences: preferencesColumn.decode(user.preferences) });
}

/**
 * Re-authentication (a password change): this browser goes on signed in under a new session id,
 * in a new cookie, and the old id ends, so a copy of the cookie taken before is refused from now
 * on (ASVS V7.2.4), as log-in and checkout do. The old one ends first: if the new one cannot be
 * made, the browser is signed out rather than left on the old id.
 */
export async function renewUserSession(ctx: Ctx, session: UserSession, reason: string): Promise<void> {
  const where = { id: session.id, status: "active" } as const;
  const { count } = await db.userSession.updateMany({ where, data: { status: "revoked", endedAt: ctx.now } });
  if (count !== 1) {
    // Ended meanwhile (another device, an administrator): that end stands; no new id is handed out.
    await ctx.cookies.clear();
    throw new DomainError("session_ended", "This session was ended meanwhile (from another device): log in again to go on.");
  }
  await securityLog("session.revoked", { sessionId: session.id, userId: session.userId, reason });
  await startUserSession(ctx, session.userId, session.migratedFrom);
}

/** Seals a cookie for a guest session that continues under a new id (see rotateGuestSession). */
export async function continueGuestSession(ctx: Ctx, session: GuestSession): Promise<void> {
  const seal = await sealSession({ sid: session.id, type: "anonymous", exp: session.expiresAt.getTime() });
  await ctx.cookies.set({ seal, expiresAt: session.expiresAt, preferences: session.preferences });
}

/** Ends the request's session (log-out, or discarding a guest session) and clears the cookie. */
export async function endSession(ctx: Ctx): Promise<boolean> {
  await ctx.cookies.clear();
  if (!ctx.session) return false;
  await revokeSession(ctx.session, ctx.now);
  return true;
}
