import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { config } from "./config";

// One Prisma client per process, over one better-sqlite3 connection. WAL mode is set on the
// file when the database is prepared (scripts/prepare-db.ts) and persists; `timeout` is
// SQLite's busy timeout, so a second process waits for a write lock instead of failing.
function createClient() {
  const adapter = new PrismaBetterSQLite3({ url: config().databaseUrl, timeout: 5_000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { passerbyDb?: PrismaClient };

export const db: PrismaClient = globalForDb.passerbyDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.passerbyDb = db;

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
