import type { Sql } from "../db/sql";

// The rate-limit windows' SQL, plain and alike on SQLite and PostgreSQL (lib/db/sql.ts).

/**
 * Counts one hit for each key in its window (starting at `windowStart`), unless that window is
 * already full (`cap`), and returns the keys that were counted. One statement for all the keys.
 */
export async function countHits(
  tx: Sql,
  hits: { key: string; cap: number; windowStart: Date }[],
): Promise<Set<string>> {
  const sorted = [...hits].sort((a, b) => (a.key < b.key ? -1 : 1)); // one lock order for every request
  const counted = await tx.all<{ key: string }>(
    countHitsSql(sorted.length),
    ...sorted.flatMap((h) => [h.key, h.windowStart]),
    ...sorted.flatMap((h) => [h.key, h.cap]),
  );
  return new Set(counted.map((row) => row.key));
}

/** countHits' statement for `n` keys, written once: the same text each time is found prepared at once. */
const hitStatements = new Map<number, string>();
function countHitsSql(n: number): string {
  let sql = hitStatements.get(n);
  if (!sql) {
    const keys = Array.from({ length: n });
    const cap = `CASE w."key" ${keys.map(() => "WHEN ? THEN CAST(? AS INTEGER)").join(" ")} END`;
    sql = `INSERT INTO "RateLimitWindow" AS w ("key", "windowStart", "count") VALUES ${keys.map(() => "(?, ?, 1)").join(", ")}
     ON CONFLICT ("key") DO UPDATE SET
       "count" = CASE WHEN w."windowStart" = excluded."windowStart" THEN w."count" + 1 ELSE 1 END,
       "windowStart" = excluded."windowStart"
     WHERE NOT (w."windowStart" = excluded."windowStart" AND w."count" >= ${cap})
     RETURNING "key"`;
    hitStatements.set(n, sql);
  }
  return sql;
}

/** Deletes windows that ended: a minute's a minute after it started, an hour's (keys starting `hourPrefix`) an hour after. */
export const deleteRateLimitWindows = (
  tx: Sql,
  ended: { minuteAgo: Date; hourAgo: Date; hourPrefix: string },
  size: number,
) =>
  tx.run(
    `DELETE FROM "RateLimitWindow" WHERE "key" IN (SELECT "key" FROM "RateLimitWindow"
     WHERE "windowStart" < ? AND ("windowStart" < ? OR "key" NOT LIKE ?) LIMIT ?)`,
    ended.minuteAgo,
    ended.hourAgo,
    `${ended.hourPrefix}%`,
    size,
  );
