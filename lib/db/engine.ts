// What each engine module (./sqlite.ts, ./postgres.ts) gives the hot path (./sql.ts): plain SQL
// written once for both, with `?` for parameters.

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
