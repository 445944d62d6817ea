import { randomUUID } from "node:crypto";
import { config } from "../config";
import { hot, settle, type Sql } from "../db/sql";
import { deleteEndedCarts, deleteSpentRestoreTokens } from "../cart/store";
import { deleteViewsBefore } from "../journeys/store";
import { expireGuestSessions, retireGuestSessions } from "../session/store";
import { hotWrite } from "../db/sql";
import { takeLease } from "./lease";
import { foldTallies } from "../journeys/tallies";
import { pruneRateLimits } from "../limits/rate-limit";
import { securityLog } from "../security-log";

// The sweep: marks guest sessions past their absolute expiry, or idle past GUEST_IDLE_TIMEOUT,
// as expired; deletes the carts of ended guest sessions (expired or revoked), which no cookie can
// reach any more (an e-mailed cart lives on in its restore link's snapshot), and the restore links
// that expired, were used or whose cart moved on (checked out, converted, ended); prunes finished rate-limit
// windows; deletes guest sessions that ended more than GUEST_RETENTION_DAYS ago with what hangs
// off them (lib/session/store.ts retireGuestSessions), and sooner (EMPTY_GUEST_RETENTION_HOURS)
// those that never wrote anything; deletes views older than VIEW_RETENTION_DAYS; and folds the dashboard's totals
// (lib/journeys/tallies.ts), which retention never changes. It works in batches, each its own
// short transaction, so a shopper's write waits for one batch at most, never for the whole
// sweep; it is idempotent, and stopping it anywhere loses nothing (the next run goes on). Each
// server runs it every SWEEP_INTERVAL seconds, one server at a time (a lease in the database);
// `npm run sessions:cleanup` runs it on demand.

export const SWEEP_BATCH = 2_000;
/** Guest sessions per retention transaction: each brings its events, orders, leads and cart along. */
export const RETIRE_BATCH = 250;

export type SweepResult = {
  expiredSessions: number;
  cartsDeleted: number;
  restoreLinksDeleted: number;
  rateLimitWindowsPruned: number;
  /** Deleted past their retention; and those left for the next sweep when this one ran out of time (RETENTION_SECONDS). */
  guestSessionsDeleted: number;
  guestSessionsLeft: number;
  viewsDeleted: number;
  talliesFolded: number;
};

/**
 * A breath between two batches, so that a shopper's write waiting for the lock (on SQLite, in
 * another process too: lib/db/sqlite.ts retries every millisecond) goes in before the next batch.
 */
const PAUSE_MS = 3;

/** Runs `batch` (at most `size` rows) until it finds fewer than `size`: how many rows it changed in all. */
async function inBatches(
  size: number,
  batch: (size: number) => Promise<{ found: number; changed: number }>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const { found, changed } = await batch(size);
    total += changed;
    if (found < size) return total;
    await settle();
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
}

export async function sweepGuestSessions(now = new Date(), size = SWEEP_BATCH): Promise<SweepResult> {
  const idleSince = new Date(now.getTime() - config().guestIdleTimeout * 1000);
  const batch = (write: (tx: Sql, take: number) => Promise<number>) =>
    inBatches(size, async (take) => {
      const changed = await hotWrite((tx) => write(tx, take));
      return { found: changed, changed };
    });
  const expiredSessions = await batch((tx, take) => expireGuestSessions(tx, now, idleSince, take));
  const cartsDeleted = await batch(deleteEndedCarts);
  const restoreLinksDeleted = await batch((tx, take) => deleteSpentRestoreTokens(tx, now, take));
  const rateLimitWindowsPruned = await inBatches(size, async (take) => {
    const changed = await pruneRateLimits(now.getTime(), take); // its own transaction
    return { found: changed, changed };
  });
  const retired = await retireOldGuestSessions(now, Math.min(size, RETIRE_BATCH));
  const viewsDeleted = await retireOldViews(now, size);
  const talliesFolded = await foldTallies(size * 5);
  if (expiredSessions > 0) await securityLog("session.expired", { count: expiredSessions, by: "sweep" });
  return {
    expiredSessions,
    cartsDeleted,
    restoreLinksDeleted,
    rateLimitWindowsPruned,
    guestSessionsDeleted: retired.deleted,
    guestSessionsLeft: retired.left,
    viewsDeleted,
    talliesFolded,
  };
}

/**
 * Retention works for at most this long in one sweep. A backlog (the first sweep over a year of
 * sessions kept before retention existed) is then cleared over several sweeps, each well inside
 * the sweep's lease, instead of one long run of writes; the next sweep goes on where this one
 * stopped.
 */
export const RETENTION_SECONDS = 60;

/** Ended guest sessions, oldest first from `endedAt` < ?. */
const ENDED = `FROM "GuestSession" g WHERE "status" IN ('expired', 'converted', 'revoked') AND "endedAt" < ?`;
/**
 * Ended guest sessions (not yet past GUEST_RETENTION_DAYS: the second ?) that never wrote anything: no cart or account event, no order, no lead
 * (a page view or the experiment's exposure is not the shopper's write). A stranger's
 * `POST /api/session` makes one; nothing in it is worth keeping for GUEST_RETENTION_DAYS.
 */
const EMPTY = `FROM "GuestSession" g WHERE "status" IN ('expired', 'revoked') AND "endedAt" < ? AND "endedAt" >= ?
  AND NOT EXISTS (SELECT 1 FROM "Event" e WHERE e."guestSessionId" = g."id" AND e."name" NOT IN ('page_view', 'product_view', 'experiment_exposure'))
  AND NOT EXISTS (SELECT 1 FROM "Order" o WHERE o."guestSessionId" = g."id")
  AND NOT EXISTS (SELECT 1 FROM "Lead" l WHERE l."guestSessionId" = g."id")`;

/**
 * Retention: deletes the guest sessions that ended more than GUEST_RETENTION_DAYS before `now`,
 * and those that never wrote anything EMPTY_GUEST_RETENTION_HOURS after they ended, oldest
 * first: how many it deleted, and how many are left for the next sweep.
 */
export async function retireOldGuestSessions(
  now: Date,
  size = RETIRE_BATCH,
  seconds = RETENTION_SECONDS,
): Promise<{ deleted: number; left: number }> {
  const c = config();
  const deadline = performance.now() + seconds * 1000;
  let deleted = 0;
  let left = 0;
  const retentionEnd = new Date(now.getTime() - c.guestRetentionDays * 86_400_000);
  for (const [from, ...before] of [
    [ENDED, retentionEnd],
    [EMPTY, new Date(now.getTime() - c.emptyGuestRetentionHours * 3_600_000), retentionEnd],
  ] as const) {
    let stopped = false;
    deleted += await inBatches(size, async (take) => {
      if (performance.now() > deadline) {
        stopped = true;
        return { found: 0, changed: 0 };
      }
      const ids = (await hot().all<{ id: string }>(`SELECT "id" ${from} LIMIT ?`, ...before, take)).map((r) => r.id);
      if (ids.length === 0) return { found: 0, changed: 0 };
      return { found: ids.length, changed: await hotWrite((tx) => retireGuestSessions(tx, ids)) };
    });
    if (stopped) left += Number((await hot().get<{ n: number }>(`SELECT COUNT(*) AS "n" ${from}`, ...before))?.n ?? 0);
  }
  return { deleted, left };
}

/** Deletes page and product views older than VIEW_RETENTION_DAYS (the totals keep counting them): how many. */
export async function retireOldViews(now: Date, size = SWEEP_BATCH): Promise<number> {
  const before = new Date(now.getTime() - config().viewRetentionDays * 86_400_000);
  return inBatches(size, async (take) => {
    const changed = await hotWrite((tx) => deleteViewsBefore(tx, before, take));
    return { found: changed, changed };
  });
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
    sweepIfMine().catch((error) =>
      console.error("[passerby] the sweep failed:", error instanceof Error ? error.message : error),
    );
  }, seconds * 1000);
  timer.unref();
}
