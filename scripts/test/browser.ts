import fs from "node:fs";
import { chromium } from "@playwright/test";

// Which Chromium the end-to-end tests drive: CHROMIUM_PATH when set, else Playwright's own
// Chromium when it is installed (the norm on a laptop), else Debian's /usr/bin/chromium (the
// norm on these servers, where Playwright cannot download its own). Shared by
// playwright.config.ts and scripts/test/ensure-browser.ts.

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export type Browser = { kind: "configured" | "playwright" | "debian"; executablePath: string };

export function findBrowser(env: NodeJS.ProcessEnv = process.env): Browser | null {
  if (env.CHROMIUM_PATH) return { kind: "configured", executablePath: env.CHROMIUM_PATH };
  const own = (() => {
    try {
      return chromium.executablePath();
    } catch {
      return null;
    }
  })();
  if (own && fs.existsSync(own)) return { kind: "playwright", executablePath: own };
  if (fs.existsSync(DEBIAN_CHROMIUM)) return { kind: "debian", executablePath: DEBIAN_CHROMIUM };
  return null;
}
