import { config } from "../config";
import { CART_CHOICES, type CartChoice } from "../cart/merge";
import { db } from "../db/client";
import { RETIRED_STARTED } from "../session/store";
import { flushEvents } from "../journeys/events";
import { EXPERIMENT, type Variant } from "../session/variant";
import { requireScope } from "../permissions";
import type { Session } from "../session/types";
import { FUNNEL_STAGES, readTallies } from "../journeys/tallies";

// The admin's figures: anonymous vs authenticated journeys. The pure functions turn counts into
// what the dashboard and GET /api/admin/analytics show; `analytics()` gathers the counts: the
// all-time totals from the Tally table (kept by triggers, ./tallies.ts), the per-day series and
// the migrations' choices as aggregates on indexes. Never rows loaded to count them here, so the
// dashboard costs the same with a year of sessions and events, and the same after retention.

export type FunnelStage = { stage: string; sessions: number; ofPrevious: number; ofStart: number };

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : 0);

/** Guest session → cart → checkout → order, each with its share of the stage before and of the start. */
export type FunnelCounts = { guestSessions: number; cart: number; checkout: number; order: number };

export function buildFunnel(counts: FunnelCounts): FunnelStage[] {
  const stages: [string, number][] = [
    ["guest session", counts.guestSessions],
    ["cart", counts.cart],
    ["checkout", counts.checkout],
    ["order", counts.order],
  ];
  return stages.map(([stage, sessions], i) => ({
    stage,
    sessions,
    ofPrevious: i === 0 ? 1 : ratio(sessions, stages[i - 1]?.[1] ?? 0),
    ofStart: ratio(sessions, counts.guestSessions),
  }));
}

export type VariantFigures = { exposed: number; converted: number; conversionRate: number };

/** Per variant: the sessions that saw the prompt, and how many of them became accounts (counts per variant and status). */
export function variantConversion(
  rows: { variant: string | null; converted: boolean; count: number }[],
): Record<Variant, VariantFigures> {
  const result = {
    A: { exposed: 0, converted: 0, conversionRate: 0 },
    B: { exposed: 0, converted: 0, conversionRate: 0 },
  };
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

export async function analytics(session: Session | null, now = new Date()) {
  requireScope(session?.permissions ?? [], "view_analytics");
  await flushEvents();
  const days = lastDays(now);
  const idleSince = new Date(now.getTime() - config().guestIdleTimeout * 1000);
  const countDays = (count: (range: { gte: Date; lt: Date }) => Promise<number>) =>
    Promise.all(days.map((d) => count({ gte: d.from, lt: d.to })));
  const [tallies, expiredByTime, migrations, started, conversions] = await Promise.all([
    readTallies(),
    // Still marked active but over (the sweep marks them): they count as expired already.
    db.guestSession.count({
      where: { status: "active", OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleSince } }] },
    }),
    db.migration.groupBy({
      by: ["cartChoice"],
      where: { OR: [{ cartItems: { gt: 0 } }, { savedForLater: { gt: 0 } }] },
      _count: { _all: true },
    }),
    countDays((createdAt) => db.guestSession.count({ where: { createdAt } })),
    countDays((createdAt) => db.migration.count({ where: { createdAt } })),
  ]);
  const tally = (key: string) => tallies[key] ?? 0;
  const statuses = ["active", "expired", "converted", "revoked"] as const;
  const byStatus = Object.fromEntries(statuses.map((status) => [status, tally(`status:${status}`)])) as Record<
    (typeof statuses)[number],
    number
  >;
  const total = statuses.reduce((sum, status) => sum + byStatus[status], 0);
  const stage = (name: keyof typeof FUNNEL_STAGES) => tally(`funnel:${name}`);
  const choices = Object.fromEntries(migrations.map((m) => [m.cartChoice, m._count._all])) as Record<string, number>;
  const variantRows = (["A", "B"] as const).flatMap((variant) =>
    statuses.map((status) => ({
      variant,
      converted: status === "converted",
      count: tally(`exposed:${variant}:${status}`),
    })),
  );
  const converted = byStatus.converted;
  return {
    funnel: {
      guestSessions: total,
      cart: stage("cart"),
      checkout: stage("checkout"),
      order: stage("order"),
    } satisfies FunnelCounts,
    guestSessions: {
      active: byStatus.active - expiredByTime,
      expired: byStatus.expired + expiredByTime,
      converted,
      revoked: byStatus.revoked,
    },
    conversionRate: ratio(converted, total),
    // Retention deletes guest sessions (empty ones within a day): the retired ones are tallied per day.
    conversionsByDay: days.map((d, i) => ({
      date: d.date,
      guestSessions: (started[i] ?? 0) + tally(`${RETIRED_STARTED}${d.date}`),
      converted: conversions[i] ?? 0,
    })),
    cartsMigrated: Object.values(choices).reduce((a, b) => a + b, 0),
    cartChoices: Object.fromEntries(CART_CHOICES.map((choice) => [choice, choices[choice] ?? 0])) as Record<
      CartChoice,
      number
    >,
    experiments: {
      [EXPERIMENT]: variantConversion(variantRows),
    },
    events: { anonymous: tally("events:anonymous"), authenticated: tally("events:authenticated") },
  };
}

export type Analytics = Awaited<ReturnType<typeof analytics>>;
