import "server-only";
import { config } from "../config";
import { engineOf } from "../database-url";
import type { Sql, SqlEngine } from "./engine";
import { postgresEngine } from "./postgres";
import { sqliteEngine } from "./sqlite";

// The statements on the hot path (each room's store.ts) are plain SQL written once for
// both engines, with `?` for parameters, run through this small interface instead of Prisma's
// query pipeline: 3–10 µs a statement on SQLite instead of 100–800. Each engine module
// (./sqlite.ts, ./postgres.ts) turns dates, booleans and numbers into what its database stores and
// back, so the SQL and the code around it never do.

export type { Param, Sql, SqlEngine } from "./engine";

let chosen: SqlEngine | undefined;
const engine = (): SqlEngine =>
  (chosen ??= engineOf(config().databaseUrl) === "postgres" ? postgresEngine() : sqliteEngine());

/** The connection for hot reads. */
export const hot = (): Sql => engine().read;

/** Hot reads that may be answered from memory while the database is unchanged (SqlEngine.remembered). */
export const hotRemembered = (): Sql => engine().remembered;

/**
 * Runs `work` (calls to the rooms' store.ts with its `tx`) as one write transaction. Domain code
 * decides what to write and may throw inside it to write nothing.
 */
export const hotWrite = <T>(work: (tx: Sql) => Promise<T>): Promise<T> => engine().write(work);

/** Between two batches of bulk writes (lib/sweep/sweep.ts). */
export const settle = (): Promise<void> => engine().settle();
