import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { config } from "./config";
import { databaseFile } from "./database-url";

// One Prisma client per process, over one better-sqlite3 connection. WAL mode is set on the
// file when the database is prepared (scripts/prepare-db.ts) and persists; `timeout` is
// SQLite's busy timeout, so a second process waits for a write lock instead of failing.
function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: config().databaseUrl, timeout: 5_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { passerbyDb?: PrismaClient; passerbyHotReads?: Database.Database };

export const db: PrismaClient = globalForDb.passerbyDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.passerbyDb = db;

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

// A second connection, for the few reads that run on nearly every request: the session row
// and the cart lines. On this stack a query through Prisma's pipeline costs about 80 µs, a
// prepared statement about 3 µs, and these reads decide how much a guest session costs
// (`npm run bench`). Only reads of committed rows go through it; every write goes through Prisma.
// Dates come back as the ISO text Prisma stores, numbers as numbers, booleans as 0 or 1.
const statements = new Map<string, Database.Statement>();

function hotConnection(): Database.Database {
  if (!globalForDb.passerbyHotReads) {
    const connection = new Database(databaseFile(config().databaseUrl), { fileMustExist: true, timeout: 5_000 });
    globalForDb.passerbyHotReads = connection;
  }
  return globalForDb.passerbyHotReads;
}

function statement(sql: string): Database.Statement {
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = hotConnection().prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

/** The first row of a read on the hot-read connection (SQL written in lib/, never from input). */
export const hotRead = <T>(sql: string, ...params: unknown[]): T | undefined => statement(sql).get(...params) as T | undefined;

/** All rows of a read on the hot-read connection. */
export const hotReadAll = <T>(sql: string, ...params: unknown[]): T[] => statement(sql).all(...params) as T[];
