import "server-only";
import crypto from "node:crypto";
import pg from "pg";
import { config } from "../config";
import type { Param, Sql, SqlEngine } from "./engine";

// PostgreSQL: one pg pool per process, shared by Prisma's adapter (./client.ts) and the hot path
// (./sql.ts). Hot statements are named, so each connection parses and plans one once. This is the
// one place besides Prisma that knows how pg hands values over.

const globalForPg = globalThis as unknown as { passerbyPool?: pg.Pool };

/** The process's pool (DATABASE_URL; PG_POOL_SIZE connections). */
export function pool(): pg.Pool {
  globalForPg.passerbyPool ??= new pg.Pool({
    connectionString: config().databaseUrl,
    max: config().pgPoolSize,
    allowExitOnIdle: true, // a script or test ends when its work does; a server's listener keeps it alive
  });
  return globalForPg.passerbyPool;
}

// Prisma's DateTime is `timestamp(3)` without a time zone, holding UTC: read it as UTC (pg would
// read it as local time), and write dates as UTC text (pg would send local time). Counts
// (bigint) fit a number.
const TIMESTAMP = 1114;
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};
const toPg = (value: Param) => (value instanceof Date ? value.toISOString() : value);

/** `?` placeholders numbered ($1, $2, …) and a name for the prepared statement, once per text. */
const prepared = new Map<string, { name: string; text: string }>();
function statement(sql: string) {
  let found = prepared.get(sql);
  if (!found) {
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    found = { name: `hot_${crypto.createHash("sha1").update(sql).digest("hex").slice(0, 16)}`, text };
    prepared.set(sql, found);
  }
  return found;
}

/** Statements on a pooled client (a transaction), or on whatever the pool is now (outside one). */
function sqlOn(client: () => pg.Pool | pg.PoolClient): Sql {
  const query = <T extends pg.QueryResultRow>(sql: string, params: Param[]) =>
    client().query<T>({ ...statement(sql), values: params.map(toPg), types });
  return {
    get: async (sql, ...params) => (await query(sql, params)).rows[0] as never,
    all: async (sql, ...params) => (await query(sql, params)).rows as never,
    run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
  };
}

let engine: SqlEngine | undefined;

/** Deadlock, serialization failure: PostgreSQL rolled the transaction back, and running it again is safe. */
const RETRYABLE = new Set(["40P01", "40001"]);

export function postgresEngine(): SqlEngine {
  const read = sqlOn(pool);
  engine ??= {
    read,
    remembered: read, // another server may have committed: asking is the only check
    settle: async () => {}, // autovacuum and the checkpointer run on their own
    // Writers lock in one order (lib/cart/store.ts lockCart, lib/limits/store.ts countHits), but a hot write and a Prisma transaction
    // (a log-in's migration) may still meet the other way round: the one PostgreSQL picks to
    // fail is run again, up to three times.
    async write(work) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await transaction(work);
        } catch (error) {
          if (attempt >= 3 || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
        }
      }
    },
  };
  return engine;
}

/** One transaction on one pooled client. */
async function transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      const result = await work(sqlOn(() => client));
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((failed: Error) => (broken = failed));
      throw error;
    }
  } finally {
    client.release(broken); // a connection that cannot roll back is closed, not reused
  }
}

/** Closes the pool (scripts that end; servers keep it). */
export async function closePool(): Promise<void> {
  await globalForPg.passerbyPool?.end();
  globalForPg.passerbyPool = undefined;
}
