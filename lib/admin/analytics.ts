import { config } from "../config";
import { CART_CHOICES, type CartChoice } from "../cart/merge";
import { CURRENCIES, type Currency, type Money } from "../catalog/currency";
import { db } from "../db/client";
import { hot } from "../db/sql";
import { flushEvents } from "../journeys/events";
import { EXPERIMENT, type Variant } from "../session/variant";
import { requireScope } from "../permissions";
import type { Session } from "../session/types";
import { day, FUNNEL_STAGES, hasItems, readTallies, type Tallies } from "../journeys/tallies";
import { parseRange, type RangeInput } from "./range";
import { ENOUGH_DATA_RULE, enoughData, twoProportionPValue, wilsonInterval } from "./stats";

// The admin's figures: anonymous vs authenticated journeys. The pure functions turn counts into
// what the dashboard and GET /api/admin/analytics show; `analytics()` gathers the counts: the
// all-time totals and the per-day ones of the date range from the Tally table (kept by triggers,
// ../journeys/tallies.ts), the migrations' choices as an aggregate on an index. Never rows loaded
// to count them here, so the dashboard costs the same with a year of sessions and events, and the
// same after retention. A journey is one guest from first write to the end: a checkout's rotation
// to a new session id is the same journey (the rotated row is in no total).

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

/** One day of the range: journeys started and where they went (per-day Tally keys). */
export type DayFigures = {
  date: string;
  journeys: number;
  signups: number;
  logins: number;
  guestOrders: number;
  orders: number;
  emailed: number;
  restored: number;
  abandoned: number;
};

/** A day's figures from the day keys (`day:<date>:<figure>`, ../journeys/tallies.ts DAY_FIGURES). */
export function dayFigures(tallies: Tallies, date: string): DayFigures {
  const t = (figure: string) => tallies[`day:${date}:${figure}`] ?? 0;
  return {
    date,
    journeys: t("started"),
    signups: t("signup"),
    logins: t("login"),
    guestOrders: t("guest-orders"),
    orders: CURRENCIES.reduce((sum, c) => sum + t(`orders:${c}`), 0),
    emailed: t("emailed"),
    restored: t("restored"),
    abandoned: t("abandoned"),
  };
}

export type CurrencyOrders = { currency: Currency; orders: number; revenue: Money; averageOrderValue: Money };

/** Orders and revenue per currency over the days (amounts in minor units; the average rounded to one). */
export function ordersByCurrency(tallies: Tallies, days: string[]): CurrencyOrders[] {
  return CURRENCIES.map((currency) => {
    const sum = (figure: string) =>
      days.reduce((total, d) => total + (tallies[`day:${d}:${figure}:${currency}`] ?? 0), 0);
    const [orders, amount] = [sum("orders"), sum("revenue")];
    return {
      currency,
      orders,
      revenue: { amount, currency },
      averageOrderValue: { amount: orders > 0 ? Math.round(amount / orders) : 0, currency },
    };
  }).filter((c) => c.orders > 0);
}

/** The A/B test: per variant the guests shown the prompt, those who signed up, with 95% intervals; the z-test's p. */
export function abTest(variants: Record<Variant, VariantFigures>) {
  const sides = (["A", "B"] as const).map((variant) => ({
    variant,
    sample: variants[variant].exposed,
    converted: variants[variant].converted,
    ...wilsonInterval(variants[variant].converted, variants[variant].exposed),
  }));
  const [a, b] = sides.map((s) => ({ successes: s.converted, trials: s.sample })) as [
    { successes: number; trials: number },
    { successes: number; trials: number },
  ];
  const enough = enoughData([a, b]);
  return {
    experiment: EXPERIMENT,
    variants: sides,
    pValue: twoProportionPValue(a, b),
    enoughData: enough,
    rule: ENOUGH_DATA_RULE,
  };
}

/** The last `days` days (UTC), oldest first: each day's start and end. */
export function lastDays(now: Date, days = 14): { date: string; from: Date; to: Date }[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => {
    const from = new Date(today - (days - 1 - i) * 86_400_000);
    return { date: from.toISOString().slice(0, 10), from, to: new Date(from.getTime() + 86_400_000) };
  });
}

/** The figures, to an admin only; `asked`: the date range as the form or the query gives it (default: the last 30 days). */
export async function analytics(session: Session | null, now = new Date(), asked: RangeInput = {}) {
  requireScope(session?.permissions ?? [], "view_analytics");
  const range = parseRange(asked, now);
  await flushEvents();
  const idleSince = new Date(now.getTime() - config().guestIdleTimeout * 1000);
  const [counted, expiredByTime, migrations, unswept] = await Promise.all([
    readTallies(),
    // Still marked active but over (the sweep marks them): they count as expired already.
    db.guestSession.count({
      where: { status: "active", OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleSince } }] },
    }),
    db.migration.groupBy({
      by: ["kind", "cartChoice"],
      where: { OR: [{ cartItems: { gt: 0 } }, { savedForLater: { gt: 0 } }] },
      _count: { _all: true },
    }),
    // The same ones with items in the cart: abandoned already, tallied when the sweep marks them.
    hot().all<{ key: string; count: number }>(
      `SELECT ${day('g."lastSeenAt"')} || ':abandoned' AS "key", COUNT(*) AS "count" FROM "GuestSession" g
       WHERE g."status" = 'active' AND (g."expiresAt" <= ? OR g."lastSeenAt" <= ?) AND ${hasItems} GROUP BY 1`,
      now,
      idleSince,
    ),
  ]);
  const tallies: Tallies = { ...counted };
  for (const row of unswept) tallies[row.key] = (tallies[row.key] ?? 0) + Number(row.count);
  const tally = (key: string) => tallies[key] ?? 0;
  const statuses = ["active", "expired", "converted", "revoked"] as const;
  const byStatus = Object.fromEntries(statuses.map((status) => [status, tally(`status:${status}`)])) as Record<
    (typeof statuses)[number],
    number
  >;
  const total = statuses.reduce((sum, status) => sum + byStatus[status], 0);
  const stage = (name: keyof typeof FUNNEL_STAGES) => tally(`funnel:${name}`);
  // A new account takes the guest cart whole: only a log-in offers a choice.
  const choices: Record<string, number> = {};
  let signupCarts = 0;
  for (const m of migrations) {
    if (m.kind === "signup") signupCarts += m._count._all;
    else choices[m.cartChoice] = (choices[m.cartChoice] ?? 0) + m._count._all;
  }
  const variantRows = (["A", "B"] as const).flatMap((variant) =>
    statuses.map((status) => ({
      variant,
      converted: status === "converted",
      count: tally(`exposed:${variant}:${status}`),
    })),
  );
  const converted = byStatus.converted;
  const variants = variantConversion(variantRows);
  const daily = range.days.map((d) => dayFigures(tallies, d));
  const sum = (figure: keyof Omit<DayFigures, "date">) => daily.reduce((t, d) => t + d[figure], 0);
  const inRange = {
    journeys: sum("journeys"),
    signups: sum("signups"),
    logins: sum("logins"),
    guestOrders: sum("guestOrders"),
  };
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
    /** Guest journeys that became an account (sign-up or log-in) ÷ every guest journey, all time. */
    conversionRate: ratio(converted, total),
    conversionsByDay: lastDays(now).map((d) => {
      const day = dayFigures(tallies, d.date);
      return { date: d.date, guestSessions: day.journeys, converted: day.signups + day.logins };
    }),
    cartsMigrated: signupCarts + Object.values(choices).reduce((a, b) => a + b, 0),
    /** Carts a new account took whole (no choice is offered at sign-up). */
    signupCarts,
    /** Log-ins only: the shopper's choice when the account already had a cart. */
    cartChoices: Object.fromEntries(CART_CHOICES.map((choice) => [choice, choices[choice] ?? 0])) as Record<
      CartChoice,
      number
    >,
    experiments: {
      [EXPERIMENT]: variants,
    },
    events: { anonymous: tally("events:anonymous"), authenticated: tally("events:authenticated") },
    // ---- The date range (whole UTC days, both ends included) ----
    range: { from: range.from, to: range.to },
    journeys: {
      ...inRange,
      /** Sign-ups and log-ins from a guest session ÷ guest journeys started, in the range. */
      conversionToAccount: ratio(inRange.signups + inRange.logins, inRange.journeys),
      /** Orders placed by a guest session ÷ guest journeys started, in the range. */
      conversionToOrder: ratio(inRange.guestOrders, inRange.journeys),
    },
    orders: { count: sum("orders"), byCurrency: ordersByCurrency(tallies, range.days) },
    carts: {
      emailed: sum("emailed"),
      restored: sum("restored"),
      abandoned: sum("abandoned"),
    },
    daily,
    /** All time (since the test began), not limited by the range. */
    abTest: abTest(variants),
  };
}

export type Analytics = Awaited<ReturnType<typeof analytics>>;
