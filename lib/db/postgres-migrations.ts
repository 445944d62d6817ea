import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

// Applies prisma/postgres/migrations to a PostgreSQL database. Prisma 6.19's Wasm schema engine
// cannot run `migrate deploy` through the pg adapter on machines that cannot download Prisma's
// native engines ("Column type 'name' could not be deserialized"), so `npm start` applies the
// same SQL files itself and records them in Prisma's own `_prisma_migrations` table, with
// Prisma's checksums: `prisma migrate deploy/status` with native engines agree on what is applied.
// Servers starting at once take turns on an advisory lock (`whileStarting`): one migrates and
// seeds, the others wait, then find nothing left to do.

export const POSTGRES_MIGRATIONS = path.join(process.cwd(), "prisma", "postgres", "migrations");

/** One number for this lock, shared by every server of the shop ("passerby migrate"). */
const MIGRATION_LOCK = 7_262_737_769;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {}

/** Runs `work` while holding the shop's start-up lock on the database; one server at a time. */
export async function whileStarting<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    return await work(client);
  } finally {
    await client.end(); // ends the session, which releases the advisory lock
  }
}

/** Applies the migrations not applied yet, in order, each in its own transaction; returns their names. */
export async function applyPostgresMigrations(client: pg.Client, dir = POSTGRES_MIGRATIONS): Promise<string[]> {
  await client.query(CREATE_TABLE);
  const { rows } = await client.query<{
    migration_name: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
  }>(`SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`);
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `The migration ${failed.migration_name} failed earlier and was not rolled back: resolve it first (prisma migrate resolve).`,
    );
  }
  const applied = new Set(rows.filter((r) => r.finished_at !== null).map((r) => r.migration_name));
  const pending = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !applied.has(entry.name))
    .map((entry) => entry.name)
    .sort();
  for (const name of pending) {
    const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const checksum = crypto.createHash("sha256").update(sql).digest("hex");
    // PostgreSQL runs DDL in transactions: a migration is applied whole or not at all.
    await client.query("BEGIN");
    try {
      await client.query(sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count")
         VALUES ($1, $2, now(), $3, 1)`,
        [crypto.randomUUID(), checksum, name],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw new MigrationError(`The migration ${name} failed: ${(error as Error).message}`);
    }
  }
  return pending;
}
