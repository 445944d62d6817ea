import { db } from "./db";
import { rateLimited } from "./errors";
import { keyedHash } from "./ids";
import { securityLog } from "./security-log";

// Fixed one-minute windows counted in the database with a single atomic upsert, so limits
// hold across requests, processes and app servers that share the database.

export type LimitName =
  | "sessions" | "cart_writes" | "cart_writes_ip" | "logins" | "logins_ip" | "login_failures" | "signups" | "views" | "leads" | "leads_ip";

const WINDOW_MS = 60_000;

const MESSAGES: Record<LimitName, string> = {
  sessions: "Too many new sessions from your network. Please wait a moment and try again.",
  cart_writes: "You are changing your cart very quickly. Please wait a moment and try again.",
  cart_writes_ip: "Too many cart changes from your network. Please wait a moment and try again.",
  logins: "Too many log-in attempts. Please wait a minute and try again.",
  logins_ip: "Too many log-in attempts from your network. Please wait a minute and try again.",
  login_failures: "Too many failed log-ins for this account in the last minute. Please wait a minute and try again.",
  signups: "Too many sign-ups from your network. Please wait a minute and try again.",
  views: "Too many page views from your network.",
  leads: "Too many e-mails asked for. Please wait a minute and try again.",
  leads_ip: "Too many e-mails asked for from your network. Please wait a minute and try again.",
};

/** Counts one hit for `subject` and throws a 429 domain error past `perMinute`. */
export async function hit(limit: LimitName, subject: string, perMinute: number, now = Date.now()): Promise<void> {
  const windowStart = new Date(now - (now % WINDOW_MS));
  const key = `${limit}:${keyedHash(subject)}`;
  // One statement: count the hit, unless this window is already full (then nothing changes and
  // no row is reported as written). Cart writes pay for it on every request, so no RETURNING.
  const counted = await db.$executeRaw`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "windowStart" = excluded."windowStart" THEN "count" + 1 ELSE 1 END,
      "windowStart" = excluded."windowStart"
    WHERE NOT ("windowStart" = excluded."windowStart" AND "count" >= ${perMinute})`;
  if (counted === 0) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now) / 1000));
    await securityLog("rate_limited", { limit, subject: key });
    throw rateLimited(MESSAGES[limit], retryAfter);
  }
}

/** How many hits `subject` has in the current window (0 when none). */
export async function hitsThisWindow(limit: LimitName, subject: string, now = Date.now()): Promise<number> {
  const row = await db.rateLimitWindow.findUnique({ where: { key: `${limit}:${keyedHash(subject)}` } });
  return row && row.windowStart.getTime() === now - (now % WINDOW_MS) ? row.count : 0;
}

/** Deletes windows that ended, for the cleanup script. */
export async function pruneRateLimits(now = Date.now()): Promise<number> {
  const { count } = await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(now - WINDOW_MS) } } });
  return count;
}
