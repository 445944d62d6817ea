import { db } from "../db/client";
import { flushEvents } from "./events";
import { EXPERIMENT, type Variant } from "./experiments";
import { requireScope } from "../session/permissions";
import type { Session } from "../session/session";

// The admin's figures: anonymous vs authenticated journeys. The pure functions turn counts into
// what the dashboard and GET /api/admin/analytics show; `analytics()` gathers the counts.

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

/** Per variant: the sessions that saw the prompt, and how many of them became accounts. */
export function variantConversion(rows: { variant: string | null; exposed: boolean; converted: boolean }[]): Record<Variant, VariantFigures> {
  const result = { A: { exposed: 0, converted: 0, conversionRate: 0 }, B: { exposed: 0, converted: 0, conversionRate: 0 } };
  for (const row of rows) {
    if (!row.exposed || (row.variant !== "A" && row.variant !== "B")) continue;
    result[row.variant].exposed++;
    if (row.converted) result[row.variant].converted++;
  }
  for (const v of ["A", "B"] as const) result[v].conversionRate = ratio(result[v].converted, result[v].exposed);
  return result;
}

/** The last `days` days (UTC), oldest first, each with guest sessions started and converted. */
export function byDay(started: Date[], converted: Date[], now: Date, days = 14) {
  const key = (d: Date) => d.toISOString().slice(0, 10);
  const buckets = new Map<string, { date: string; guestSessions: number; converted: number }>();
  for (let i = days - 1; i >= 0; i--) {
    const date = key(new Date(now.getTime() - i * 86_400_000));
    buckets.set(date, { date, guestSessions: 0, converted: 0 });
  }
  for (const d of started) { const b = buckets.get(key(d)); if (b) b.guestSessions++; }
  for (const d of converted) { const b = buckets.get(key(d)); if (b) b.converted++; }
  return [...buckets.values()];
}

export async function analytics(session: Session | null, now = new Date()) {
  requireScope(session?.permissions ?? [], "view_analytics");
  await flushEvents();
  const since = new Date(now.getTime() - 14 * 86_400_000);
  const [statuses, expiredByTime, stageRows, migrations, recentSessions, recentConversions, variantRows, eventRows] = await Promise.all([
    db.guestSession.groupBy({ by: ["status"], _count: { _all: true } }),
    db.guestSession.count({ where: { status: "active", expiresAt: { lte: now } } }),
    db.$queryRaw<{ name: string; sessions: number | bigint }[]>`
      SELECT "name", COUNT(DISTINCT "guestSessionId") AS "sessions" FROM "Event"
      WHERE "guestSessionId" IS NOT NULL AND "name" IN ('cart_add', 'checkout_started', 'order_placed') GROUP BY "name"`,
    db.migration.groupBy({ by: ["cartChoice"], where: { OR: [{ cartItems: { gt: 0 } }, { savedForLater: { gt: 0 } }] }, _count: { _all: true } }),
    db.guestSession.findMany({ where: { createdAt: { gte: since } }, select: { createdAt: true } }),
    db.migration.findMany({ where: { createdAt: { gte: since } }, select: { createdAt: true } }),
    db.guestSession.findMany({ where: { variant: { not: null } }, select: { variant: true, exposedAt: true, status: true } }),
    db.event.groupBy({ by: ["authState"], _count: { _all: true } }),
  ]);
  const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s._count._all])) as Record<string, number>;
  const total = statuses.reduce((sum, s) => sum + s._count._all, 0);
  const stage = (name: string) => Number(stageRows.find((r) => r.name === name)?.sessions ?? 0);
  const choices = Object.fromEntries(migrations.map((m) => [m.cartChoice, m._count._all])) as Record<string, number>;
  const events = Object.fromEntries(eventRows.map((e) => [e.authState, e._count._all])) as Record<string, number>;
  const converted = byStatus.converted ?? 0;
  return {
    funnel: { guestSessions: total, cart: stage("cart_add"), checkout: stage("checkout_started"), order: stage("order_placed") } satisfies FunnelCounts,
    guestSessions: {
      active: (byStatus.active ?? 0) - expiredByTime,
      expired: (byStatus.expired ?? 0) + expiredByTime,
      converted,
      revoked: byStatus.revoked ?? 0,
    },
    conversionRate: ratio(converted, total),
    conversionsByDay: byDay(recentSessions.map((s) => s.createdAt), recentConversions.map((m) => m.createdAt), now),
    cartsMigrated: Object.values(choices).reduce((a, b) => a + b, 0),
    cartChoices: { combine: choices.combine ?? 0, keep_account: choices.keep_account ?? 0, use_guest: choices.use_guest ?? 0 },
    experiments: {
      [EXPERIMENT]: variantConversion(variantRows.map((r) => ({ variant: r.variant, exposed: r.exposedAt !== null, converted: r.status === "converted" }))),
    },
    events: { anonymous: events.anonymous ?? 0, authenticated: events.authenticated ?? 0 },
  };
}

export type Analytics = Awaited<ReturnType<typeof analytics>>;
