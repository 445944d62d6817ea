import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDir, databaseUrl, type Env } from "./database-url";
import { invalidAnonScopes } from "./permissions";
import { ConfigError, EARLY_SETTINGS, invalidSetting } from "./settings.mjs";

export { ConfigError };

// Every setting the shop reads, validated once. A bad value stops start-up with a sentence
// that names the variable; defaults make `npm start` work on a fresh clone.

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
// A rate limit is counted in a 32-bit column, and the log-in limits derive caps of 5× and 10× it.
const MAX_RATE = 1_000_000;
const perMinute = (fallback: number) => z.coerce.number().int().positive().max(MAX_RATE).default(fallback);
const blankIsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
/** A setting the preloads read before this module can be: parsed in lib/settings.mjs, validated here with the rest. */
const early = <T>(parse: (value: unknown) => T) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parse(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    });

export const envSchema = z.object({
  PORT: early(EARLY_SETTINGS.PORT),
  DATABASE_URL: z.string().optional(),
  PG_POOL_SIZE: z.preprocess(blankIsUnset, z.coerce.number().int().min(1).max(1_000).default(10)),
  REDIS_URL: early(EARLY_SETTINGS.REDIS_URL),
  SESSION_SECRET: z.string().optional(),
  GUEST_SESSION_TTL: z.preprocess(blankIsUnset, seconds(86_400)),
  GUEST_IDLE_TIMEOUT: z.preprocess(blankIsUnset, seconds(7_200)),
  USER_SESSION_TTL: z.preprocess(blankIsUnset, seconds(7 * 86_400)),
  // 12 hours: a member shopping on and off through a day stays signed in, but a browser left
  // signed in and unused (a shared or lost computer) is not still signed in the next day.
  USER_IDLE_TIMEOUT: z.preprocess(blankIsUnset, seconds(43_200)),
  ANON_PERMISSIONS: z.preprocess(blankIsUnset, z.string().optional()),
  RATE_LIMIT_SESSIONS_PER_MIN: z.preprocess(blankIsUnset, perMinute(20)),
  // Beside the per-minute limit, a ceiling per hour (Firebase's is 100/h, Supabase's 30/h): one
  // address at the per-minute limit all day would keep ~29,000 new guest rows a day.
  RATE_LIMIT_SESSIONS_PER_HOUR: z.preprocess(blankIsUnset, perMinute(100)),
  RATE_LIMIT_CART_WRITES_PER_MIN: z.preprocess(blankIsUnset, perMinute(60)),
  RATE_LIMIT_LOGINS_PER_MIN: z.preprocess(blankIsUnset, perMinute(10)),
  RATE_LIMIT_SIGNUPS_PER_MIN: z.preprocess(blankIsUnset, perMinute(5)),
  TRUST_PROXY: early(EARLY_SETTINGS.TRUST_PROXY),
  COOKIE_SECURE: z.preprocess(blankIsUnset, z.enum(["auto", "true", "false"]).default("auto")),
  ADMIN_EMAIL: z.preprocess(blankIsUnset, z.email().optional()),
  ADMIN_PASSWORD: z.preprocess(blankIsUnset, z.string().min(10).optional()),
  PUBLIC_URL: z.preprocess(blankIsUnset, z.url({ protocol: /^https?$/ }).optional()),
  ALLOWED_HOSTS: z.preprocess(blankIsUnset, z.string().optional()),
  RATE_LIMIT_CART_WRITES_PER_IP_PER_MIN: z.preprocess(blankIsUnset, perMinute(300)),
  LOG_LEVEL: z.preprocess(
    blankIsUnset,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  LOG_FILE: z.preprocess(blankIsUnset, z.string().optional()),
  SWEEP_INTERVAL: z.preprocess(blankIsUnset, z.coerce.number().int().min(0).default(600)),
  GUEST_RETENTION_DAYS: z.preprocess(blankIsUnset, z.coerce.number().int().positive().default(30)),
  EMPTY_GUEST_RETENTION_HOURS: z.preprocess(blankIsUnset, z.coerce.number().int().positive().default(24)),
  VIEW_RETENTION_DAYS: z.preprocess(blankIsUnset, z.coerce.number().int().positive().default(14)),
  ORDER_LINK_DAYS: z.preprocess(blankIsUnset, z.coerce.number().int().positive().max(365).default(30)),
  EMAILED_CART_DAYS: z.preprocess(blankIsUnset, z.coerce.number().int().positive().default(7)),
  STOP_TIMEOUT_MS: early(EARLY_SETTINGS.STOP_TIMEOUT_MS),
});

/** The dashboard's per-day series looks 14 days back (lib/admin/analytics.ts): retention keeps at least that. */
export const MIN_RETENTION_DAYS = 14;

export type Config = {
  /** The port `npm start` serves on. */
  port: number;
  databaseUrl: string;
  /** Connections each server keeps to PostgreSQL (Prisma and the hot path share them). */
  pgPoolSize: number;
  /** Newest first: the first seals cookies, every one unseals them. */
  /** The first seals; all unseal (rotation). Never empty. */
  sessionSecrets: [string, ...string[]];
  guestSessionTtl: number;
  /** Seconds without a request after which a guest session ends (whichever comes first with the TTL). */
  guestIdleTimeout: number;
  userSessionTtl: number;
  /** Seconds without a request after which a signed-in session ends (ASVS V7.3.1). */
  userIdleTimeout: number;
  anonPermissions: string[] | null;
  rateLimits: {
    sessions: number;
    sessionsPerHour: number;
    cartWrites: number;
    cartWritesPerIp: number;
    logins: number;
    signups: number;
  };
  trustProxy: boolean;
  cookieSecure: "auto" | "true" | "false";
  admin: { email: string; password: string } | null;
  /** Where links in messages point (no trailing slash); null: the address the request used. */
  publicUrl: string | null;
  /** Hosts (host or host:port, lower-case) whose address may be used for links when publicUrl is null. */
  allowedHosts: string[];
  /** Seconds between two sweeps by the server (lib/sweep/sweep.ts); 0: the server never sweeps. */
  sweepInterval: number;
  /** Days after its end that a guest session is deleted with what hangs off it (lib/sweep/sweep.ts). */
  guestRetentionDays: number;
  /** Hours after its end that a guest session which never wrote anything (no cart, order, lead) is deleted. */
  emptyGuestRetentionHours: number;
  /** Days a page or product view is kept as a row (the totals keep counting it: lib/journeys/tallies.ts). */
  viewRetentionDays: number;
  /** Days the link in an order confirmation shows the order, in any browser (lib/checkout/order-links.ts). */
  orderLinkDays: number;
  /** Days an e-mailed cart's link can restore it, also after its guest session ended by idleness (lib/cart/leads.ts). */
  emailedCartDays: number;
  /** The security log (lib/security-log.ts): its level, and a file to append to instead of stdout. */
  log: { level: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent"; file: string | null };
};

const MIN_SECRET_LENGTH = 32;
const MIN_IDLE_TIMEOUT = 120;

function sessionSecrets(raw: string | undefined, dir: string): [string, ...string[]] {
  if (raw && raw.trim() !== "") {
    const [first, ...rest] = raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const secrets = first === undefined ? [] : [first, ...rest];
    const short = secrets.findIndex((s) => s.length < MIN_SECRET_LENGTH);
    if (first === undefined || short !== -1) {
      throw new ConfigError(
        `SESSION_SECRET must be one or more comma-separated secrets of at least ${MIN_SECRET_LENGTH} characters` +
          (short !== -1 ? ` (secret number ${short + 1} is ${secrets[short]?.length} characters).` : "."),
      );
    }
    return [first, ...rest];
  }
  // Unset: generate one secret once, beside the database, so restarts keep sessions valid.
  // (Several servers must share one: set it. README, "Beyond one machine".)
  const file = path.join(dir, "session-secret");
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    console.warn(
      `[passerby] SESSION_SECRET is not set: generated one into ${file}. ` +
        "Set SESSION_SECRET (32+ characters) in production.",
    );
  }
  return [fs.readFileSync(file, "utf8").trim()];
}

export function parseConfig(env: Env = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw invalidSetting(String(issue?.path[0] ?? "environment"), issue?.message ?? "not valid");
  }
  const e = parsed.data;
  let url: string;
  try {
    url = databaseUrl(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const anonPermissions = e.ANON_PERMISSIONS
    ? e.ANON_PERMISSIONS.split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
  const unknown = anonPermissions ? invalidAnonScopes(anonPermissions) : [];
  if (unknown.length > 0) {
    throw new ConfigError(`ANON_PERMISSIONS may only list anonymous scopes; "${unknown.join(", ")}" is not one.`);
  }
  // Last-seen is written at most once a minute (lib/session/check.ts): a shorter timeout
  // would end sessions that are in use.
  if (e.GUEST_IDLE_TIMEOUT < MIN_IDLE_TIMEOUT) {
    throw new ConfigError(
      `GUEST_IDLE_TIMEOUT must be at least ${MIN_IDLE_TIMEOUT} seconds: activity is recorded once a minute.`,
    );
  }
  if (e.USER_IDLE_TIMEOUT < MIN_IDLE_TIMEOUT) {
    throw new ConfigError(
      `USER_IDLE_TIMEOUT must be at least ${MIN_IDLE_TIMEOUT} seconds: activity is recorded once a minute.`,
    );
  }
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError("ADMIN_EMAIL and ADMIN_PASSWORD must be set together.");
  }
  // A member's session names the guest session it converted (its events carry that id): it must
  // be over before that guest session goes.
  if (e.GUEST_RETENTION_DAYS < MIN_RETENTION_DAYS || e.GUEST_RETENTION_DAYS * 86_400 < e.USER_SESSION_TTL) {
    throw new ConfigError(
      `GUEST_RETENTION_DAYS must be at least ${MIN_RETENTION_DAYS} (the dashboard's per-day series) and cover USER_SESSION_TTL (${e.USER_SESSION_TTL} seconds).`,
    );
  }
  // The e-mailed cart's snapshot hangs off its guest session, which retention deletes
  // GUEST_RETENTION_DAYS after it ended: the link must not promise more days than that.
  if (e.EMAILED_CART_DAYS > e.GUEST_RETENTION_DAYS) {
    throw new ConfigError(
      `EMAILED_CART_DAYS must be at most GUEST_RETENTION_DAYS (${e.GUEST_RETENTION_DAYS}): the cart's snapshot is deleted with its guest session.`,
    );
  }
  return {
    port: e.PORT,
    databaseUrl: url,
    pgPoolSize: e.PG_POOL_SIZE,
    sessionSecrets: sessionSecrets(e.SESSION_SECRET, dataDir(url)),
    guestSessionTtl: e.GUEST_SESSION_TTL,
    guestIdleTimeout: e.GUEST_IDLE_TIMEOUT,
    userSessionTtl: e.USER_SESSION_TTL,
    userIdleTimeout: e.USER_IDLE_TIMEOUT,
    anonPermissions,
    rateLimits: {
      sessions: e.RATE_LIMIT_SESSIONS_PER_MIN,
      sessionsPerHour: e.RATE_LIMIT_SESSIONS_PER_HOUR,
      cartWrites: e.RATE_LIMIT_CART_WRITES_PER_MIN,
      cartWritesPerIp: e.RATE_LIMIT_CART_WRITES_PER_IP_PER_MIN,
      logins: e.RATE_LIMIT_LOGINS_PER_MIN,
      signups: e.RATE_LIMIT_SIGNUPS_PER_MIN,
    },
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : null,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, "") : null,
    allowedHosts: (e.ALLOWED_HOSTS ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    log: { level: e.LOG_LEVEL, file: e.LOG_FILE ?? null },
    sweepInterval: e.SWEEP_INTERVAL,
    guestRetentionDays: e.GUEST_RETENTION_DAYS,
    emptyGuestRetentionHours: e.EMPTY_GUEST_RETENTION_HOURS,
    viewRetentionDays: e.VIEW_RETENTION_DAYS,
    orderLinkDays: e.ORDER_LINK_DAYS,
    emailedCartDays: e.EMAILED_CART_DAYS,
  };
}

let cached: Config | undefined;

/** The process's settings, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig();
  return cached;
}
