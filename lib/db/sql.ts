import { config } from "../config";
import { engineOf } from "./database-url";
import { postgresEngine } from "./postgres";
import { sqliteEngine } from "./sqlite";

// The statements on the hot path (./hot-reads.ts, ./hot-writes.ts) are plain SQL written once for
// both engines, with `?` for parameters, run through this small interface instead of Prisma's
// query pipeline: 3–10 µs a statement on SQLite instead of 100–800. Each engine module
// (./sqlite.ts, ./postgres.ts) turns dates, booleans and numbers into what its database stores and
// back, so the SQL and the code around it never do.

export type Param = string | number | boolean | Date | null;

/** A connection outside any transaction, or one write transaction. */
export interface Sql {
  get<T>(sql: string, ...params: Param[]): Promise<T | undefined>;
  all<T>(sql: string, ...params: Param[]): Promise<T[]>;
  /** Runs a write and returns how many rows it changed. */
  run(sql: string, ...params: Param[]): Promise<number>;
}

export interface SqlEngine {
  /** Reads outside a transaction: they see committed writes only. */
  read: Sql;
  /**
   * The same reads, answered from memory while no connection has committed anything since the
   * answer was read (SQLite: ./sqlite.ts). Where the engine has no cheap way to know, as
   * PostgreSQL, the plain reads.
   */
  remembered: Sql;
  /** Runs `work` as one write transaction: all of it, or none when it throws. */
  write<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** After a batch of bulk writes (the sweep): lets the database catch up before the next one. */
  settle(): Promise<void>;
}

let chosen: SqlEngine | undefined;
const engine = (): SqlEngine => (chosen ??= engineOf(config().databaseUrl) === "postgres" ? postgresEngine() : sqliteEngine());

/** The connection for hot reads. */
export const hot = (): Sql => engine().read;

/** Hot reads that may be answered from memory while the database is unchanged (SqlEngine.remembered). */
export const hotRemembered = (): Sql => engine().remembered;

/**
 * Runs `work` (calls to ./hot-writes.ts with its `tx`) as one write transaction. Domain code
 * decides what to write and may throw inside it to write nothing.
 */
export const hotWrite = <T>(work: (tx: Sql) => Promise<T>): Promise<T> => engine().write(work);

/** Between two batches of bulk writes (lib/session/sweep.ts). */
export const settle = (): Promise<void> => engine().settle();
