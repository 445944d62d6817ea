// Brings the database to the current schema, seeds an empty catalog and makes the admin account
// when ADMIN_EMAIL and ADMIN_PASSWORD are set. Used by `npm start`, `npm run dev`, the e2e
// server and the benchmark; safe to run any number of times, and on PostgreSQL by several
// servers at once (they take turns).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { config, ConfigError } from "../../lib/config";
import { engineOf, redact } from "../../lib/database-url";

export async function prepareDatabase(): Promise<void> {
  const { databaseUrl } = config(); // validates every setting first
  if (engineOf(databaseUrl) === "postgres") {
    const { applyPostgresMigrations, whileStarting } = await import("../../lib/db/postgres-migrations");
    await whileStarting(databaseUrl, async (client) => {
      const applied = await applyPostgresMigrations(client);
      if (applied.length > 0)
        console.log(`[passerby] Applied ${applied.length} migration(s) to ${redact(databaseUrl)}.`);
      await fillDatabase();
    }).catch((error: Error & { code?: string }) => {
      if (error.code === "ECONNREFUSED" || error.code === "3D000" || error.code === "28P01") {
        throw new ConfigError(`Cannot use the PostgreSQL database at ${redact(databaseUrl)}: ${error.message}.`);
      }
      throw error;
    });
  } else {
    const prisma = path.join(process.cwd(), "node_modules", ".bin", "prisma");
    execFileSync(prisma, ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const { db } = await import("../../lib/db/client");
    // WAL lets readers and a writer work at once; it is a property of the file and persists.
    await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    await fillDatabase();
  }
  const { disconnect } = await import("../../lib/db/client");
  await disconnect();
}

/** What every start makes sure of, once the schema is current. */
async function fillDatabase() {
  const { seedIfEmpty } = await import("../../prisma/seed");
  if (await seedIfEmpty()) console.log("[passerby] Seeded the catalog.");
  const { backfillLogHashes } = await import("../../lib/admin/sessions");
  await backfillLogHashes();
  const { ensureAdmin } = await import("../../lib/accounts/admin");
  const admin = await ensureAdmin();
  if (admin) console.log(`[passerby] Admin account ready: ${admin}`);
}

export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(`[passerby] ${error.message}`);
    process.exit(1);
  }
  throw error;
}

if (process.argv[1]?.endsWith("prepare-db.ts")) {
  prepareDatabase().catch(exitOnConfigError);
}
