import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { must } from "../scripts/must";

// The database the e2e server runs on: a throwaway SQLite file, or under `npm run test:postgres`
// a fresh PostgreSQL database (E2E_DATABASE_URL).
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL?.trim() || "file:./.e2e-data/shop.db";

/** How many rows a table holds, read straight from the database the server uses. */
export async function countRows(tables: string[]): Promise<Record<string, number>> {
  const sql = (table: string) => `SELECT COUNT(*) AS n FROM "${table}"`;
  if (E2E_DATABASE_URL.startsWith("file:")) {
    const db = new Database(path.resolve(E2E_DATABASE_URL.slice("file:".length)), { readonly: true });
    try {
      return Object.fromEntries(tables.map((t) => [t, (db.prepare(sql(t)).get() as { n: number }).n]));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const t of tables)
      counts[t] = Number(must((await client.query<{ n: string }>(sql(t))).rows[0], `a count of ${t}`).n);
    return counts;
  } finally {
    await client.end();
  }
}

/**
 * Moves a guest session's last request `hours` back, as if its shopper had left the browser that
 * long: the next request (or the sweep) finds it idle. `where` picks the session by SQL on "g"
 * (`"id" = (SELECT …)`); `args` are its parameters. As the shop stores dates on each engine.
 */
export async function leaveIdle(hours: number, where: string, ...args: string[]): Promise<void> {
  const at = new Date(Date.now() - hours * 3_600_000);
  if (E2E_DATABASE_URL.startsWith("file:")) {
    const db = new Database(path.resolve(E2E_DATABASE_URL.slice("file:".length)));
    try {
      const sql = `UPDATE "GuestSession" AS g SET "lastSeenAt" = ? WHERE ${where}`;
      db.prepare(sql).run(at.toISOString().replace("Z", "+00:00"), ...args);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
  await client.connect();
  try {
    let n = 1;
    const sql = `UPDATE "GuestSession" AS g SET "lastSeenAt" = $${n++} WHERE ${where.replace(/\?/g, () => `$${n++}`)}`;
    await client.query(sql, [at, ...args]);
  } finally {
    await client.end();
  }
}
