import { config } from "../config";
import { db } from "../db/client";
import { hotWrite } from "../db/sql";
import { permissionsFor } from "../permissions";
import { securityLog } from "../security-log";
import { unsealSession } from "./seal";
import { expireSessionRow, guestSessionRow, touchSessionRow, userSessionRow } from "./store";
import type { GuestSession, Session, SessionEnd, SessionType, UserSession } from "./types";

// The session check, on every request that carries a cookie: the seal, then the row behind it,
// which decides whether the session is still alive (so an expired, converted or revoked
// session's replayed cookie is refused on the very next request). The row is read by a prepared
// statement (./store.ts); `npm run bench` measures it and the routes built on it.

const LAST_SEEN_RESOLUTION_MS = 60_000;

/**
 * How a session check writes what it learnt (the expiry it found, the last-seen time): now, for
 * actions and route handlers; after the response for a page, since pages only read while they
 * render (currentSession passes `after`).
 */
export type Write = (work: () => Promise<unknown>) => Promise<void>;
const writeNow: Write = async (work) => {
  await work();
};

/** The table a session type's rows live in. */
const sessionTable = { anonymous: "GuestSession", authenticated: "UserSession" } as const;

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
    if (
      type === "anonymous" &&
      row.status === "revoked" &&
      (await db.guestSession.findUnique({ where: { id: row.id }, select: { rotated: true } }))?.rotated
    ) {
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
  if (seenAt(row.lastSeenAt, now) === now)
    await write(() => hotWrite((tx) => touchSessionRow(tx, sessionTable[type], row.id, now)));
  return null;
}

/** When a live session was last seen, counting this request: kept to the minute (LAST_SEEN_RESOLUTION_MS). */
const seenAt = (lastSeenAt: Date, now: Date) =>
  now.getTime() - lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS ? now : lastSeenAt;

/** A guest session seen last at `lastSeenAt` ends at this moment unless a request comes first. */
export const guestIdleExpiry = (lastSeenAt: Date) => new Date(lastSeenAt.getTime() + config().guestIdleTimeout * 1000);
/** The same for a signed-in session (USER_IDLE_TIMEOUT). */
export const userIdleExpiry = (lastSeenAt: Date) => new Date(lastSeenAt.getTime() + config().userIdleTimeout * 1000);
const idleExpiry: Record<SessionType, (lastSeenAt: Date) => Date> = {
  anonymous: guestIdleExpiry,
  authenticated: userIdleExpiry,
};

async function loadGuestSession(
  id: string,
  now: Date,
  write: Write,
  withCart: boolean,
): Promise<GuestSession | SessionEnd | null> {
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

async function loadUserSession(
  id: string,
  now: Date,
  write: Write,
  withCart: boolean,
): Promise<UserSession | SessionEnd | null> {
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
  if (payload.exp <= now.getTime())
    return { session: null, stale: true, ended: { type: payload.type, reason: "expired", idle: false } };
  const found =
    payload.type === "anonymous"
      ? await loadGuestSession(payload.sid, now, write, withCart)
      : await loadUserSession(payload.sid, now, write, withCart);
  if (found && "id" in found) return { session: found, stale: false, ended: null };
  return { session: null, stale: true, ended: found };
}
