import { config } from "../config";
import { db } from "../db/client";
import { pruneRateLimits } from "../limits/rate-limit";
import { securityLog } from "../security-log";

/**
 * Marks guest sessions past their absolute expiry, or idle past GUEST_IDLE_TIMEOUT, as expired and deletes the carts of ended
 * guest sessions (expired or revoked), which no cookie can reach any more, and the restore links
 * that expired with them. Session rows and events stay (anonymous, for the analytics); finished
 * rate-limit windows go.
 */
export async function sweepGuestSessions(now = new Date()) {
  const expired = await db.guestSession.updateMany({
    where: {
      status: "active",
      OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - config().guestIdleTimeout * 1000) } }],
    },
    data: { status: "expired", endedAt: now },
  });
  const carts = await db.cart.deleteMany({
    where: { guestSession: { status: { in: ["expired", "revoked"] } } },
  });
  const links = await db.restoreToken.deleteMany({ where: { expiresAt: { lte: now } } });
  const windows = await pruneRateLimits(now.getTime());
  if (expired.count > 0) await securityLog("session.expired", { count: expired.count, by: "sweep" });
  return { expiredSessions: expired.count, cartsDeleted: carts.count, restoreLinksDeleted: links.count, rateLimitWindowsPruned: windows };
}
