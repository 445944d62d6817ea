import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-postgres/client";
import { config } from "../config";
import { engineOf } from "../database-url";
import { closePool, pool } from "./postgres";
import { sqlitePrismaAdapter } from "./sqlite";

// One Prisma client per process. On SQLite, over one better-sqlite3 connection taken in turn
// (./sqlite.ts); on PostgreSQL, over the process's pg pool (./postgres.ts), with PostgreSQL's own
// locking. Both clients are generated from one data model (prisma/schema.prisma, and its
// PostgreSQL copy), so the SQLite client's types describe both.
function createClient(): PrismaClient {
  if (engineOf(config().databaseUrl) === "postgres") {
    return new PostgresPrismaClient({ adapter: new PrismaPg(pool()) }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: sqlitePrismaAdapter() });
}

const globalForDb = globalThis as unknown as { passerbyDb?: PrismaClient };

export const db: PrismaClient = globalForDb.passerbyDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.passerbyDb = db;

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** Lets a script end: Prisma's connection, and the pg pool it shares. */
export async function disconnect(): Promise<void> {
  await db.$disconnect();
  await closePool();
}
