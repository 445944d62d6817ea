import { db } from "../db/client";
import { countHits, deleteRateLimitWindows } from "./store";
import { hotWrite } from "../db/sql";
import type { Sql } from "../db/sql";
import { DomainError, rateLimited } from "../errors";
import { keyedHash } from "../ids";
import { securityLog } from "../security-log";

// Fixed windows (a minute; an hour for the ceilings whose names start with "hour.") counted in
// the database with a single atomic upsert, so limits hold across requests, processes and app
// servers that share the database.

export type LimitName =
  | "sessions"
  | "hour.sessions"
  | "cart_writes"
  | "cart_writes_ip"
  | "logins"
  | "logins_ip"
  | "login_failures"
  | "signups"
  | "views"
  | "hour.views"
  | "leads"
  | "leads_ip"
  | "order_claims";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** A limit's window: an hour for the "hour." ceilings beside a per-minute limit, else a minute. */
const windowMsOf = (limit: LimitName) => (limit.startsWith("hour.") ? HOUR_MS : MINUTE_MS);

const MESSAGES: Record<LimitName, string> = {
  sessions: "Too many new sessions from your network. Please wait a moment and try again.",
  "hour.sessions": "Too many new sessions from your network this hour. Please try again later.",
  cart_writes: "You are changing your cart very quickly. Please wait a moment and try again.",
  cart_writes_ip: "Too many cart changes from your network. Please wait a moment and try again.",
  logins: "Too many log-in attempts. Please wait a minute and try again.",
  logins_ip: "Too many log-in attempts from your network. Please wait a minute and try again.",
  login_failures: "Too many failed log-ins for this account in the last minute. Please wait a minute and try again.",
  signups: "Too many sign-ups from your network. Please wait a minute and try again.",
  views: "Too many page views from your network.",
  "hour.views": "Too many page views from your network this hour.",
  leads: "Too many e-mails asked for. Please wait a minute and try again.",
  leads_ip: "Too many e-mails asked for from your network. Please wait a minute and try again.",
  order_claims: "Too many links asked for. Please wait a minute and try again.",
};

/** One hit against `limit` for `subject`, refused past `max` in the limit's window. */
export type Hit = { limit: LimitName; subject: string; max: number };

/** A window's key holds a keyed hash of its subject, never the subject (an address, an e-mail). */
const keyOf = (limit: LimitName, subject: string) => `${limit}:${keyedHash(subject)}`;
const windowOf = (limit: LimitName, now: number) => new Date(now - (now % windowMsOf(limit)));

/** Counts one hit for `subject` and throws a 429 domain error past `max` in the limit's window. */
export const hit = (limit: LimitName, subject: string, max: number, now = Date.now()) =>
  hitAll([{ limit, subject, max }], now);

/**
 * Counts one hit against each limit in a single statement (a cart write counts against its
 * session and its client address on every request) and throws a 429 for the first one that
 * was already full. A full window is left as it is; the others still count the hit.
 */
export const hitAll = (hits: Hit[], now = Date.now()): Promise<void> => hitAllThen(hits, null, now);

/**
 * hitAll, then `work` in the same transaction when every limit had room: one commit for the
 * request instead of two. A refusal `work` throws (a DomainError: the stock, the cap) undoes the
 * whole transaction; the hits are then counted again on their own, so they count as they would
 * in a transaction of their own. That costs a second transaction on a refusal only: on every
 * write, a savepoint would cost two more statements (two round trips on PostgreSQL).
 */
export async function hitAllThen<T>(hits: Hit[], work: ((tx: Sql) => Promise<T>) | null, now = Date.now()): Promise<T> {
  const keyed = hits.map((h) => ({ ...h, key: keyOf(h.limit, h.subject) }));
  // Each hit is counted unless its window is already full: the keys that come back are the
  // limits that still had room.
  const count = (tx: Sql) =>
    countHits(
      tx,
      keyed.map((h) => ({ key: h.key, cap: h.max, windowStart: windowOf(h.limit, now) })),
    );
  let outcome: { full: (typeof keyed)[number] } | { value: T };
  try {
    outcome = await hotWrite(async (tx) => {
      const counted = await count(tx);
      const full = keyed.find((h) => !counted.has(h.key));
      if (full) return { full };
      return { value: work ? await work(tx) : (undefined as T) };
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error; // anything else: nothing is written
    await hotWrite(count); // a limit filled meanwhile counts nothing more: the write is refused anyway
    throw error;
  }
  if ("value" in outcome) return outcome.value;
  const { limit, key } = outcome.full;
  const retryAfter = Math.max(1, Math.ceil((windowOf(limit, now).getTime() + windowMsOf(limit) - now) / 1000));
  await securityLog("rate_limited", { limit, subject: key });
  throw rateLimited(MESSAGES[limit], retryAfter);
}

/** How many hits `subject` has in the current window (0 when none). */
export async function hitsThisWindow(limit: LimitName, subject: string, now = Date.now()): Promise<number> {
  const row = await db.rateLimitWindow.findUnique({ where: { key: keyOf(limit, subject) } });
  return row && row.windowStart.getTime() === windowOf(limit, now).getTime() ? row.count : 0;
}

/**
 * Gives back one hit counted at `now` (a reservation that turned out not to be what the limit
 * counts, e.g. a log-in attempt with the right password). Nothing when the window has moved on.
 */
export async function unhit(limit: LimitName, subject: string, now = Date.now()): Promise<void> {
  await db.rateLimitWindow.updateMany({
    where: { key: keyOf(limit, subject), windowStart: windowOf(limit, now), count: { gt: 0 } },
    data: { count: { decrement: 1 } },
  });
}

/** Deletes windows that ended (at most `batch` of them, for the sweep): how many. */
export async function pruneRateLimits(now = Date.now(), batch = 2_000): Promise<number> {
  return hotWrite((tx) =>
    deleteRateLimitWindows(
      tx,
      { minuteAgo: new Date(now - MINUTE_MS), hourAgo: new Date(now - HOUR_MS), hourPrefix: "hour." },
      batch,
    ),
  );
}
