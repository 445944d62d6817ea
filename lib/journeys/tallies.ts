import { hot, hotWrite, type Sql } from "../db/sql";

// The dashboard's all-time totals, kept in the Tally table instead of counted from a year of rows
// on every visit. Triggers in the database (migration 20261127150000_tallies_retention, one per
// engine) append a row as things change, so no code path can forget one:
//   status:<status>                 +1 when a guest session is created, -1/+1 when its status changes
//   exposed:<variant>:<status>      the same, for guest sessions that saw the experiment
//   events:<authState>              +1 per event
//   funnel:<stage>                  +1 when a journey's first event of that stage or a later one arrives
//   day:<YYYY-MM-DD>:<figure>       per UTC day, for the dashboard's date range (DAY_FIGURES)
// A journey is a guest session that was not ended by checkout's rotation: the rotated row leaves
// every total, because the same guest goes on under the new id (migration 20261208000000).
// Appending (never updating one counter row) means concurrent writers on PostgreSQL never wait
// for, or deadlock on, a shared row. The sweep folds the rows into one per key. Nothing is
// subtracted when rows are deleted: retention keeps every total as it was.

/** A journey is at a stage when it reached it or a later one (lib/admin/analytics.ts reads them). */
export const FUNNEL_STAGES = {
  cart: ["cart_add", "checkout_started", "order_placed"],
  checkout: ["checkout_started", "order_placed"],
  order: ["order_placed"],
} as const;

const names = (list: readonly string[]) => list.map((n) => `'${n}'`).join(", ");

/**
 * The per-day keys (`day:<YYYY-MM-DD>:<figure>`): what each counts, on the day of which time.
 * Orders and revenue carry the currency after the figure (`orders:USD`, `revenue:EUR`, minor units).
 */
export const DAY_FIGURES = {
  started: "guest journeys started (createdAt; a checkout's rotation is the same journey)",
  signup: "guest sessions that became a new account (the migration's createdAt)",
  login: "guest sessions that logged in to an existing account",
  orders: "orders placed, per currency",
  revenue: "orders' totals, per currency, in minor units",
  "guest-orders": "orders placed by a guest session",
  emailed: "carts e-mailed with a restore link",
  restored: "restore links used (usedAt)",
  abandoned:
    "guest journeys that ended (idle, out of time or ended by the guest) with items in the cart, on the day of their last activity",
} as const;
export type DayFigure = keyof typeof DAY_FIGURES;

export const day = (column: string) => `'day:' || SUBSTR(CAST(${column} AS TEXT), 1, 10)`;
export const hasItems = `EXISTS (SELECT 1 FROM "Cart" c JOIN "CartItem" i ON i."cartId" = c."id" WHERE c."guestSessionId" = g."id")`;

/** The per-day totals as the rows there are would give them (retention deletes rows, not totals). */
const DAY_RECOUNT_SQL = [
  `SELECT ${day('"createdAt"')} || ':started', COUNT(*) FROM "GuestSession" WHERE NOT "rotated" GROUP BY 1`,
  `SELECT ${day('g."lastSeenAt"')} || ':abandoned', COUNT(*) FROM "GuestSession" g
   WHERE g."status" IN ('expired', 'revoked') AND NOT g."rotated" AND ${hasItems} GROUP BY 1`,
  `SELECT ${day('"createdAt"')} || ':' || CAST("kind" AS TEXT), COUNT(*) FROM "Migration" GROUP BY 1`,
  `SELECT ${day('"createdAt"')} || ':orders:' || CAST("currency" AS TEXT), COUNT(*) FROM "Order" GROUP BY 1`,
  `SELECT ${day('"createdAt"')} || ':revenue:' || CAST("currency" AS TEXT), SUM("totalAmount") FROM "Order" GROUP BY 1`,
  `SELECT ${day('"createdAt"')} || ':guest-orders', COUNT(*) FROM "Order" WHERE "guestSessionId" IS NOT NULL GROUP BY 1`,
  `SELECT ${day('"createdAt"')} || ':emailed', COUNT(*) FROM "RestoreToken" GROUP BY 1`,
  `SELECT ${day('"usedAt"')} || ':restored', COUNT(*) FROM "RestoreToken" WHERE "usedAt" IS NOT NULL GROUP BY 1`,
];

/** The totals as the rows there are would give them: what the migration filled the table with, and what the triggers keep. */
export const RECOUNT_SQL = [
  `SELECT 'status:' || CAST("status" AS TEXT) AS "key", COUNT(*) AS "count" FROM "GuestSession" WHERE NOT "rotated" GROUP BY "status"`,
  `SELECT 'exposed:' || "variant" || ':' || CAST("status" AS TEXT), COUNT(*) FROM "GuestSession"
   WHERE "exposedAt" IS NOT NULL AND "variant" IS NOT NULL AND NOT "rotated" GROUP BY "variant", "status"`,
  `SELECT 'events:' || CAST("authState" AS TEXT), COUNT(*) FROM "Event" GROUP BY "authState"`,
  ...Object.entries(FUNNEL_STAGES).map(
    ([stage, list]) =>
      `SELECT 'funnel:${stage}', COUNT(DISTINCT "guestSessionId") FROM "Event" WHERE "name" IN (${names(list)}) AND "guestSessionId" IS NOT NULL`,
  ),
  ...DAY_RECOUNT_SQL,
].join("\nUNION ALL\n");

/** The trigger's question for an arriving event: has this journey reached the stage before? (Tests read its plan.) */
export const stageProbeSql = (stage: keyof typeof FUNNEL_STAGES) =>
  `SELECT 1 FROM "Event" WHERE "guestSessionId" = ? AND "name" IN (${names(FUNNEL_STAGES[stage])})`;

export type Tallies = Record<string, number>;

const toTallies = (rows: { key: string; count: number }[]): Tallies =>
  Object.fromEntries(rows.filter((r) => Number(r.count) !== 0).map((r) => [r.key, Number(r.count)]));

/** Every key's total (keys at zero left out). */
export async function readTallies(sql: Sql = hot()): Promise<Tallies> {
  return toTallies(await sql.all(`SELECT "key", SUM("count") AS "count" FROM "Tally" GROUP BY "key"`));
}

/** What the totals would be if counted from the rows now (for tests and checks; reads every row). */
export async function recountTallies(sql: Sql = hot()): Promise<Tallies> {
  return toTallies(await sql.all(RECOUNT_SQL));
}

/**
 * Folds the rows written before this call into one per key, `size` rows per transaction. Each transaction deletes a range of rows and the sums the one before
 * wrote, and writes the running sums, so readers see the same totals all along and the table
 * ends with one row per key. Returns how many rows fewer the table has.
 */
export async function foldTallies(size: number): Promise<number> {
  const last = (await hot().get<{ id: number | null }>(`SELECT MAX("id") AS "id" FROM "Tally"`))?.id ?? 0;
  let carried = { sums: new Map<string, number>(), ids: [] as number[] };
  let folded = 0;
  for (let from = 0; from < last; from += size) {
    const { found, next } = await hotWrite(async (tx) => {
      const rows = await tx.all<{ key: string; count: number }>(
        `DELETE FROM "Tally" WHERE "id" > ? AND "id" <= ? RETURNING "key", "count"`,
        from,
        Math.min(from + size, last),
      );
      if (carried.ids.length > 0)
        await tx.run(`DELETE FROM "Tally" WHERE "id" IN (${carried.ids.map(() => "?").join(", ")})`, ...carried.ids);
      const sums = new Map(carried.sums);
      for (const row of rows) sums.set(row.key, (sums.get(row.key) ?? 0) + Number(row.count));
      const ids: number[] = [];
      for (const [key, count] of sums) {
        if (count !== 0)
          ids.push(
            (await tx.get<{ id: number }>(
              `INSERT INTO "Tally" ("key", "count") VALUES (?, ?) RETURNING "id"`,
              key,
              count,
            ))!.id,
          );
      }
      return { found: rows.length, next: { sums, ids } };
    });
    folded += found;
    carried = next;
  }
  return folded - carried.ids.length;
}
