import { defineConfig, devices } from "@playwright/test";
import { findBrowser } from "./scripts/test/browser";

// The cluster tests (e2e-cluster/): nginx in front of two app servers on one PostgreSQL and one
// Redis, started by the tests themselves with scripts/local/cluster.ts. `npm run test:cluster` runs
// them; `npm run test:postgres` runs them after the rest of the suite.
const browser = findBrowser();

export default defineConfig({
  testDir: "e2e-cluster",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    trace: "retain-on-failure",
    launchOptions: { executablePath: browser?.kind === "playwright" ? undefined : browser?.executablePath },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
