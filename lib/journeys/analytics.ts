import { db } from "../db/client";
import type { EventName } from "../generated/prisma/client";
import { flushEvents } from "./events";
import { EXPERIMENT, type Variant } from "./experiments";
import { requireScope } from "../session/permissions";
import type { Session } from "../session/session";

// The admin's figures: anonymous vs authenticated journeys. The pure functions turn counts into
// what the dashboard and GET /api/admin/analytics show; `analytics()` gathers the counts, every
// one of them an aggregate in the database on an index (never rows loaded to count them here),
// so the dashboard costs the same with a year of sessions and events.

export type FunnelStage = { stage: string; sessions: number; ofPrevious: number; ofStart: number };

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0);

/** Guest session → cart → checkout → order, each with its share of the stage before and of the start. */
export type FunnelCounts = { guestSessions: number; cart: number; checkout: number; order: number };

export function buildFunnel(counts: FunnelCounts): FunnelStage[] {
  const stages: [string, number][] = [
    ["guest session", counts.guestSessions], ["cart", counts.cart], ["checkout", counts.checkout], ["order", counts.order],
  ];
  return stages.map(([stage, sessions], i) => ({
    stage,
    sessions,
    ofPrevious: i === 0 ? 1 : ratio(sessions, stages[i - 1][1]),
    ofStart: ratio(sessions, counts.guestSessions),
  }));
}

export type VariantFigures = { exposed: number; converted: number; conversionRate: number };

/** Per variant: the sessions that saw the prompt, and how many of them became accounts (counts per variant and status). */
export function variantConversion(rows: { variant: string | null; converted: boolean; count: number }[]): Record<Variant, VariantFigures> {
  const result = { A: { exposed: 0, converted: 0, conversionRate: 0 }, B: { exposed: 0, converted: 0, conversionRate: 0 } };
  for (const row of rows) {
    if (row.variant !== "A" && row.variant !== "B") continue;
    result[row.variant].exposed += row.count;
    if (row.converted) result[row.variant].converted += row.count;
  }
  for (const v of ["A", "B"] as const) result[v].conversionRate = ratio(result[v].converted, result[v].exposed);
  return result;
}

/** The last `days` days (UTC), oldest first: each day's start and end. */
export function lastDays(now: Date, days = 14): { date: string; from: Date; to: Date }[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => {
    const from = new Date(today - (days - 1 - i) * 86_400_000);
    return { date: from.toISOString().slice(0, 10), from, to: new Date(from.getTime() + 86_400_000) };
  });
}

/**
 * The funnel counts distinct journeys (guest sessions; events follow a guest through checkout's
 * rotation): a journey is at a stage when it reached that stage or a later one, so an order
 * placed through the API without a checkout_started event still counts at checkout, and no stage
 * is ever larger than the one before it.
 */
export const FUNNEL_STAGES = {
  cart: ["cart_add", "checkout_started", "order_placed"],
  checkout: ["checkout_started", "order_placed"],
  order: ["order_placed"],
} as const;

/** The SQL for how many journeys reached one of these events (constant names, never input); tests read its plan. */
export const stageSql = (names: readonly EventName[]) =>
  `SELECT COUNT(DISTINCT "guestSessionId") AS "n" FROM "Event" WHERE "name" IN (${names.map((n) => `'${n}'`).join(", ")}) AND "guestSessionId" IS NOT NULL`;

/** COUNT(DISTINCT) in the database, on the (name, guestSessionId) index. */
async function stageCount(names: readonly EventName[]): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(stageSql(names));
  return Number(row?.n ?? 0);
}

export async function analytics(session: Session | null, now = new Date()) {
  requireScope(session?.permissions ?? [], "view_analytics");
  await flushEvents();
  const days = lastDays(now);
  const countDays = (count: (range: { gte: Date; lt: Date }) => Promise<number>) =>
    Promise.all(days.map((d) => count({ gte: d.from, lt: d.to })));
  const [statuses, expiredByTime, stages, migrations, started, conversions, variantRows, eventRows] = await Promise.all([
    db.guestSession.groupBy({ by: ["status"], _count: { _all: true } }),
    db.guestSession.count({ where: { status: "active", expiresAt: { lte: now } } }),
    Promise.all(Object.values(FUNNEL_STAGES).map(stageCount)),
    db.migration.groupBy({ by: ["cartChoice"], where: { OR: [{ cartItems: { gt: 0 } }, { savedForLater: { gt: 0 } }] }, _count: { _all: true } }),
    countDays((createdAt) => db.guestSession.count({ where: { createdAt } })),
    countDays((createdAt) => db.migration.count({ where: { createdAt } })),
    db.guestSession.groupBy({ by: ["variant", "status"], where: { exposedAt: { not: null } }, _count: { _all: true } }),
    db.event.groupBy({ by: ["authState"], _count: { _all: true } }),
  ]);
  const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s._count._all])) as Record<string, number>;
  const total = statuses.reduce((sum, s) => sum + s._count._all, 0);
  const [cart, checkout, order] = stages;
  const choices = Object.fromEntries(migrations.map((m) => [m.cartChoice, m._count._all])) as Record<string, number>;
  const events = Object.fromEntries(eventRows.map((e) => [e.authState, e._count._all])) as Record<string, number>;
  const converted = byStatus.converted ?? 0;
  return {
    funnel: { guestSessions: total, cart, checkout, order } satisfies FunnelCounts,
    guestSessions: {
      active: (byStatus.active ?? 0) - expiredByTime,
      expired: (byStatus.expired ?? 0) + expiredByTime,
      converted,
      revoked: byStatus.revoked ?? 0,
    },
    conversionRate: ratio(converted, total),
    conversionsByDay: days.map((d, i) => ({ date: d.date, guestSessions: started[i], converted: conversions[i] })),
    cartsMigrated: Object.values(choices).reduce((a, b) => a + b, 0),
    cartChoices: { combine: choices.combine ?? 0, keep_account: choices.keep_account ?? 0, use_guest: choices.use_guest ?? 0 },
    experiments: {
      [EXPERIMENT]: variantConversion(variantRows.map((r) => ({ variant: r.variant, converted: r.status === "converted", count: r._count._all }))),
    },
    events: { anonymous: events.anonymous ?? 0, authenticated: events.authenticated ?? 0 },
  };
}

export type Analytics = Awaited<ReturnType<typeof analytics>>;
