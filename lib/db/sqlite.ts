import Database from "better-sqlite3";
import { config } from "../config";
import { databaseFile } from "./database-url";

// The second connection to the SQLite file, for the statements on the hot path: reads
// (./hot-reads.ts) and the few writes every cart request makes (./hot-writes.ts). Through Prisma's
// pipeline a statement costs 100–800 µs here; a prepared statement on this connection 3–10 µs.
// It is the one place besides Prisma that knows how SQLite stores values.

const globalForSqlite = globalThis as unknown as { passerbyHotConnection?: Database.Database };
const statements = new Map<string, Database.Statement>();

function connection(): Database.Database {
  if (!globalForSqlite.passerbyHotConnection) {
    const connection = new Database(databaseFile(config().databaseUrl), { fileMustExist: true, timeout: 5_000 });
    connection.pragma(`synchronous = ${SYNCHRONOUS}`);
    globalForSqlite.passerbyHotConnection = connection;
  }
  return globalForSqlite.passerbyHotConnection;
}

/**
 * With WAL, NORMAL syncs the log at checkpoints instead of at every commit: a commit survives the
 * process crashing, and only an operating-system crash or power loss can lose the last ones.
 * It is set on every connection (Prisma's too, lib/db/client.ts): it is not stored in the file.
 */
export const SYNCHRONOUS = "NORMAL";

/** A prepared statement, prepared once per process. */
export function statement(sql: string): Database.Statement {
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = connection().prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

/** Runs `work` (synchronous statements) as one write transaction: all of it, or none. */
export const transaction = <T>(work: () => T): T => connection().transaction(work).immediate();

/** A date as Prisma stores DateTime in SQLite (ISO 8601 text, "+00:00"), so both sort and compare alike. */
export const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");
