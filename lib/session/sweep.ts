import { randomUUID } from "node:crypto";
import { config } from "../config";
import { db } from "../db/client";
import { hotWrite, takeLease } from "../db/hot-writes";
import { pruneRateLimits } from "../limits/rate-limit";
import { securityLog } from "../security-log";

// The sweep: marks guest sessions past their absolute expiry, or idle past GUEST_IDLE_TIMEOUT,
// as expired; deletes the carts of ended guest sessions (expired or revoked), which no cookie can
// reach any more, and the restore links that expired or were used; prunes finished rate-limit
// windows. Session rows and events stay (for the analytics). It works in batches of a few
// thousand rows, each its own short statement, so a shopper's write waits for one batch at most,
// never for the whole sweep; it is idempotent, and stopping it anywhere loses nothing (the next
// run goes on). Each server runs it every SWEEP_INTERVAL seconds, one server at a time (a lease
// in the database); `npm run sessions:cleanup` runs it on demand.

export const SWEEP_BATCH = 2_000;

export type SweepResult = { expiredSessions: number; cartsDeleted: number; restoreLinksDeleted: number; rateLimitWindowsPruned: number };

/** Runs `batch` (at most `size` rows) until it finds fewer than `size`: how many rows it changed in all. */
async function inBatches(size: number, batch: (size: number) => Promise<{ found: number; changed: number }>): Promise<number> {
  let total = 0;
  for (;;) {
    const { found, changed } = await batch(size);
    total += changed;
    if (found < size) return total;
  }
}

export async function sweepGuestSessions(now = new Date(), size = SWEEP_BATCH): Promise<SweepResult> {
  const idleSince = new Date(now.getTime() - config().guestIdleTimeout * 1000);
  const expiredSessions = await inBatches(size, async (take) => {
    const ids = (await db.guestSession.findMany({
      where: { status: "active", OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleSince } }] }, select: { id: true }, take,
    })).map((r) => r.id);
    if (ids.length === 0) return { found: 0, changed: 0 };
    const { count } = await db.guestSession.updateMany({ where: { id: { in: ids }, status: "active" }, data: { status: "expired", endedAt: now } });
    return { found: ids.length, changed: count };
  });
  const cartsDeleted = await inBatches(size, async (take) => {
    const ids = (await db.cart.findMany({ where: { guestSession: { status: { in: ["expired", "revoked"] } } }, select: { id: true }, take })).map((r) => r.id);
    if (ids.length === 0) return { found: 0, changed: 0 };
    return { found: ids.length, changed: (await db.cart.deleteMany({ where: { id: { in: ids } } })).count };
  });
  const restoreLinksDeleted = await inBatches(size, async (take) => {
    const ids = (await db.restoreToken.findMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] }, select: { id: true }, take }))
      .map((r) => r.id);
    if (ids.length === 0) return { found: 0, changed: 0 };
    return { found: ids.length, changed: (await db.restoreToken.deleteMany({ where: { id: { in: ids } } })).count };
  });
  const rateLimitWindowsPruned = await inBatches(size, async (take) => {
    const changed = await pruneRateLimits(now.getTime(), take);
    return { found: changed, changed };
  });
  if (expiredSessions > 0) await securityLog("session.expired", { count: expiredSessions, by: "sweep" });
  return { expiredSessions, cartsDeleted, restoreLinksDeleted, rateLimitWindowsPruned };
}

/** This process, as a lease holder. */
const HOLDER = `${process.pid}-${randomUUID()}`;

/**
 * Sweeps when no other server holds the sweep's lease (it lasts one interval): what it did, or
 * null when another server is the one sweeping.
 */
export async function sweepIfMine(now = new Date(), holder = HOLDER): Promise<SweepResult | null> {
  const until = new Date(now.getTime() + config().sweepInterval * 1000);
  if (!(await hotWrite((tx) => takeLease(tx, "sweep", holder, until, now)))) return null;
  return sweepGuestSessions(now);
}

/** Starts sweeping every SWEEP_INTERVAL seconds (0: never) in this server; the timer never keeps the process alive. */
export function startSweeping(): void {
  const seconds = config().sweepInterval;
  if (seconds <= 0) return;
  const timer = setInterval(() => {
    sweepIfMine().catch((error) => console.error("[passerby] the sweep failed:", error instanceof Error ? error.message : error));
  }, seconds * 1000);
  timer.unref();
}
