import { config } from "../config";
import { db } from "../db/client";
import { hotWrite, type Sql } from "../db/sql";
import { DomainError } from "../errors";
import { keyedHash, newGuestSessionId, newSessionHandle, newUserSessionId } from "../ids";
import { hitAllThen, type Hit } from "../limits/rate-limit";
import { permissionsFor } from "../permissions";
import { securityLog } from "../security-log";
import { guestIdleExpiry } from "./check";
import { sealSession } from "./seal";
import { insertGuestSession, moveGuestSession } from "./store";
import type { GuestSession, Session } from "./types";
import { variantFor } from "./variant";

// Making and ending session rows: a new guest or signed-in session with its sealed cookie value,
// revocation, and a guest's rotation to a new id at checkout.

/**
 * Creates a guest session row and its sealed cookie value. `alsoIn` runs in the same transaction
 * (what the new session is for, e.g. using up a restore link): when it throws, no session is made.
 */
export async function createGuestSession(
  now = new Date(),
  limits: Hit[] = [],
  alsoIn?: (tx: Sql) => Promise<void>,
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
    data: {
      id,
      logHash: keyedHash(id),
      publicId: newSessionHandle(),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      migratedFrom,
      userAgent,
    },
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
    session.type === "anonymous"
      ? await db.guestSession.updateMany({ where, data })
      : await db.userSession.updateMany({ where, data });
  if (count === 1) await securityLog("session.ended", { sessionId: session.id, type: session.type });
}

/**
 * Gives a live guest session a new id and ends the old one, inside the caller's hot write
 * (lib/db/sql.ts: all or nothing). Checkout calls it: whoever else holds
 * the old cookie (planted before the order, or copied) can read nothing of the order, because
 * the order, the lead, the messages, the events, the preferences and the variant now belong to
 * the new id. Created and expiry times are kept: buying something does not extend the session.
 */
export async function rotateGuestSession(tx: Sql, session: GuestSession, now = new Date()): Promise<GuestSession> {
  const id = newGuestSessionId();
  // Two checkouts with the same cookie at once: the second finds the old id already ended.
  if (!(await moveGuestSession(tx, session.id, id, keyedHash(id), now))) {
    throw new DomainError(
      "session_ended",
      "Your guest session ended while checking out. Nothing was charged; start again.",
    );
  }
  return { ...session, id, idleExpiresAt: guestIdleExpiry(now) };
}
