// Points this test process at a fresh database migrated with the real migrations: a copy of a
// migrated SQLite file by default; with TEST_DATABASE_URL (a PostgreSQL server, `npm run test:postgres`),
// a new database on that server, dropped when the process ends.
// Import it before anything from lib/: settings are read on first use.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-test-"));
const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const server = process.env.TEST_DATABASE_URL?.trim();

if (server) {
  const helper = path.join(__dirname, "postgres-db.ts");
  const url = execFileSync(bin("tsx"), [helper, "create", server], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.env.DATABASE_URL = url;
  process.on("exit", () => execFileSync(bin("tsx"), [helper, "drop", url], { stdio: "inherit" }));
} else {
  const file = path.join(dir, "shop.db");
  fs.copyFileSync(sqliteTemplate(), file);
  process.env.DATABASE_URL = `file:${file}`;
}

/**
 * A SQLite file migrated with the real migrations, made once per set of migrations and copied for
 * every test file: migrating costs each test process 1.5 s of CPU, a copy next to nothing.
 */
function sqliteTemplate(): string {
  const migrations = path.join(process.cwd(), "prisma", "migrations");
  const hash = crypto.createHash("sha256");
  for (const entry of fs.readdirSync(migrations, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const sql = path.join(migrations, entry.name, "migration.sql");
    if (entry.isDirectory() && fs.existsSync(sql)) hash.update(entry.name).update(fs.readFileSync(sql));
  }
  const template = path.join(os.tmpdir(), `passerby-test-template-${hash.digest("hex").slice(0, 16)}.db`);
  if (!fs.existsSync(template)) {
    // Test files start at once: each builds its own copy and renames it into place (atomic), so no
    // process ever copies a half-migrated file.
    const building = `${template}.${process.pid}`;
    execFileSync(bin("prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: `file:${building}`, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: "ignore",
    });
    fs.renameSync(building, template);
  }
  return template;
}
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0001";

// The security log of this test process, for tests that read what it wrote (tests/security-log.test.ts).
process.env.LOG_FILE ??= path.join(dir, "security.log");

process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

export const testDatabaseDir = dir;
/** Which engine this test process runs on. */
export const testEngine: "sqlite" | "postgres" = server ? "postgres" : "sqlite";
