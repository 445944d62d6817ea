// Points this test process at a fresh database and migrates it with the real migrations: a
// SQLite file by default; with TEST_DATABASE_URL (a PostgreSQL server, `npm run test:postgres`),
// a new database on that server, dropped when the process ends.
// Import it before anything from lib/: settings are read on first use.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-test-"));
const bin = (name: string) => path.join(process.cwd(), "node_modules", ".bin", name);
const server = process.env.TEST_DATABASE_URL?.trim();

if (server) {
  const helper = path.join(__dirname, "postgres-db.ts");
  const url = execFileSync(bin("tsx"), [helper, "create", server], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  process.env.DATABASE_URL = url;
  process.on("exit", () => execFileSync(bin("tsx"), [helper, "drop", url], { stdio: "inherit" }));
} else {
  process.env.DATABASE_URL = `file:${path.join(dir, "shop.db")}`;
  execFileSync(bin("prisma"), ["migrate", "deploy"], {
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: "ignore",
  });
}
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0001";

// The security log of this test process, for tests that read what it wrote (tests/security-log.test.ts).
process.env.LOG_FILE ??= path.join(dir, "security.log");

process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

export const testDatabaseDir = dir;
/** Which engine this test process runs on. */
export const testEngine: "sqlite" | "postgres" = server ? "postgres" : "sqlite";
