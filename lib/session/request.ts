import { config } from "../config";
import { db } from "../db/client";
import type { Sql } from "../db/sql";
import { DomainError } from "../errors";
import { permissionsFor, type Scope } from "../permissions";
import { securityLog } from "../security-log";
import type { Ctx } from "./context";
import { createGuestSession, createUserSession, revokeSession } from "./lifecycle";
import { sealSession } from "./seal";
import { preferencesColumn } from "./store";
import type { GuestSession, Session, UserSession } from "./types";

// Sessions for a request (Ctx): starting, continuing and ending them; the cookie goes through
// ctx.cookies.

/** The scopes of whoever is calling: a visitor without a session has the anonymous ones. */
export const visitorPermissions = (session: Session | null): Scope[] =>
  session?.permissions ?? permissionsFor("anonymous", config().anonPermissions);

/**
 * Starts a guest session and sets its cookie; new sessions are rate-limited per client network,
 * a minute and an hour. `alsoIn`: see createGuestSession (when it throws, no session and no cookie).
 */
export async function startGuestSession(ctx: Ctx, alsoIn?: (tx: Sql) => Promise<void>): Promise<GuestSession> {
  const { sessions, sessionsPerHour } = config().rateLimits;
  const { session, seal } = await createGuestSession(
    ctx.now,
    [
      { limit: "sessions", subject: ctx.network, max: sessions },
      { limit: "hour.sessions", subject: ctx.network, max: sessionsPerHour },
    ],
    alsoIn,
  );
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
    throw new DomainError(
      "session_ended",
      "This session was ended meanwhile (from another device): log in again to go on.",
    );
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
