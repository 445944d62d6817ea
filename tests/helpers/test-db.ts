// Points this test process at a fresh SQLite file and migrates it with the real migrations.
// Import it before anything from lib/: settings are read on first use.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-test-"));
process.env.DATABASE_URL = `file:${path.join(dir, "shop.db")}`;
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0001";

execFileSync(path.join(process.cwd(), "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
  env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  stdio: "ignore",
});

// The security log of this test process, for tests that read what it wrote (tests/security-log.test.ts).
process.env.LOG_FILE ??= path.join(dir, "security.log");

process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

export const testDatabaseDir = dir;
