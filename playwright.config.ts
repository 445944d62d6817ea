import { defineConfig, devices } from "@playwright/test";
import { findBrowser } from "./scripts/test/browser";
import { E2E_DATABASE_URL } from "./e2e/database";

// End-to-end tests run against a production build served by `npm start` (scripts/run/start.ts:
// migrate, seed, build when stale, `next start`) on a throwaway database, in the Chromium that
// scripts/test/browser.ts finds (`npm run test:e2e` first gets one when there is none).
const port = Number(process.env.E2E_PORT ?? 3100);
const browser = findBrowser();
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    // Playwright's own Chromium needs no path; any other is named.
    launchOptions: { executablePath: browser?.kind === "playwright" ? undefined : browser?.executablePath },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "rm -rf .e2e-data && node_modules/.bin/tsx --conditions=react-server scripts/run/start.ts",
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATABASE_URL: E2E_DATABASE_URL,
      SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-0001",
      // Every test comes from 127.0.0.1 within a few minutes: raise the per-IP limits out of the
      // way (tests/rate-limit.test.ts proves them). Per-session cart writes keep the default, and an e2e test
      // drives one session past it.
      RATE_LIMIT_SESSIONS_PER_MIN: "1000",
      RATE_LIMIT_SESSIONS_PER_HOUR: "100000",
      RATE_LIMIT_SIGNUPS_PER_MIN: "1000",
      RATE_LIMIT_LOGINS_PER_MIN: "1000",
      // The per-IP cart ceiling likewise (e2e/behind-proxy.spec.ts proves it with several addresses).
      RATE_LIMIT_CART_WRITES_PER_IP_PER_MIN: "100000",
      // e2e/security.spec.ts reads what the server logged.
      LOG_FILE: ".e2e-data/security.log",
      ADMIN_EMAIL: "admin@passerby.test",
      ADMIN_PASSWORD: "e2e admin password",
    },
  },
});
