// Runs before the end-to-end tests (`npm run test:e2e`): makes sure a Chromium is there, getting
// one the platform's way when none is (Debian's package as root on Debian, where Playwright's
// download is not reachable; Playwright's own download elsewhere), or stops with one sentence
// that says what to run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findBrowser } from "./browser";

function run(command: string, args: string[]): boolean {
  console.log(`[e2e] ${command} ${args.join(" ")}`);
  return (
    spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } })
      .status === 0
  );
}

function install(): boolean {
  const debianRoot = fs.existsSync("/etc/debian_version") && process.getuid?.() === 0;
  if (debianRoot) return run("apt-get", ["update", "-q"]) && run("apt-get", ["install", "-y", "-q", "chromium"]);
  return run(path.join("node_modules", ".bin", "playwright"), ["install", "chromium"]);
}

const configured = process.env.CHROMIUM_PATH;
if (configured && !fs.existsSync(configured)) {
  console.error(`[e2e] CHROMIUM_PATH is ${configured}, but there is no browser there. Fix the path or unset it.`);
  process.exit(1);
}
if (!findBrowser()) {
  console.log("[e2e] No Chromium found (CHROMIUM_PATH, Playwright's own, /usr/bin/chromium): getting one.");
  if (!install() || !findBrowser()) {
    console.error(
      "[e2e] No Chromium to run the end-to-end tests in. Run `npx playwright install chromium` " +
        "(or, on Debian, `apt-get install chromium`), or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
    process.exit(1);
  }
}
const browser = findBrowser()!;
console.log(`[e2e] Chromium: ${browser.executablePath} (${browser.kind})`);
