// `npm run screenshot`: the README's images, from a real run. It starts the production server on
// a temporary database with an admin account, sends visitors through the shop over HTTP
// (browsing, carts, checkouts, sign-ups and log-ins with each cart choice, a guest who ends their
// session), then logs in as the admin in Chromium and saves docs/admin-dashboard.png; then, on a
// phone's screen, docs/phone-add-to-cart.png and docs/phone-checkout.png.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { freePort, startServer, stopServer } from "../local/server";

const root = path.resolve(__dirname, "..", "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-screenshot-"));
const ADMIN = { email: "admin@passerby.test", password: "screenshot admin password" };
const PASSWORD = "correct horse battery";
Object.assign(process.env, {
  DATABASE_URL: `file:${path.join(dir, "shop.db")}`,
  SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  RATE_LIMIT_SESSIONS_PER_MIN: "100000",
  RATE_LIMIT_SESSIONS_PER_HOUR: "100000",
  RATE_LIMIT_SIGNUPS_PER_MIN: "100000",
  RATE_LIMIT_LOGINS_PER_MIN: "100000",
  RATE_LIMIT_CART_WRITES_PER_IP_PER_MIN: "100000",
  LOG_FILE: path.join(dir, "security.log"),
  NEXT_TELEMETRY_DISABLED: "1",
});

const SLUGS = ["morning-blend", "brass-pen", "soy-candle", "linen-apron", "washi-tape-set", "dot-grid-notebook"];
const ORDER = {
  email: "visitor@example.com",
  name: "A Visitor",
  address: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" },
  card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: "123" },
};

/** A visitor with a cookie jar of one cookie: the session. */
class Visitor {
  cookie = "";
  constructor(private base: string) {}
  async call(method: string, url: string, body?: unknown) {
    const response = await fetch(this.base + url, {
      method,
      headers: { "content-type": "application/json", ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: "manual",
    });
    const set = response.headers.getSetCookie().find((c) => c.startsWith("passerby_session="));
    if (set) this.cookie = set.replace(/;.*/, ""); // name=value, without the attributes
    return response;
  }
  view = (p: string) => this.call("POST", "/api/visitor", { path: p });
}

async function simulate(base: string) {
  const pick = (i: number) => SLUGS[i % SLUGS.length];
  for (let i = 0; i < 40; i++) {
    const v = new Visitor(base);
    await v.view("/");
    await v.view(`/products/${pick(i)}`);
    if (i % 5 === 4) continue; // browsed and left: no session
    await v.call("POST", "/api/cart/items", { slug: pick(i), quantity: 1 + (i % 3) });
    if (i % 2 === 0) await v.call("GET", "/deals"); // sees the sign-up prompt (A/B exposure)
    if (i % 4 === 0) {
      await v.call("GET", "/checkout"); // checkout started
      if (i % 8 === 0) await v.call("POST", "/api/checkout", ORDER);
    }
    if (i % 7 === 1)
      await v.call("DELETE", "/api/session"); // ended by the guest
    else if (i % 3 === 1)
      await v.call("POST", "/api/auth/signup", { email: `visitor${i}@example.com`, password: PASSWORD });
  }
  // Returning members who shopped as guests first: each cart choice.
  for (const [i, cartChoice] of (["combine", "combine", "keep_account", "use_guest"] as const).entries()) {
    const email = `member${i}@example.com`;
    const before = new Visitor(base);
    await before.call("POST", "/api/auth/signup", { email, password: PASSWORD });
    await before.call("POST", "/api/cart/items", { slug: pick(i + 1) });
    await before.call("POST", "/api/auth/logout");
    const guest = new Visitor(base);
    await guest.view("/");
    await guest.call("POST", "/api/cart/items", { slug: pick(i + 2) });
    await guest.call("POST", "/api/auth/login", { email, password: PASSWORD, cartChoice });
  }
}

async function main() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(port);
  try {
    await simulate(base);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`${base}/login`);
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/account/);
    await page.goto(`${base}/admin`);
    await page.getByRole("heading", { name: "Journeys" }).waitFor();
    fs.mkdirSync(path.join(root, "docs"), { recursive: true });
    const file = path.join(root, "docs", "admin-dashboard.png");
    await page.screenshot({ path: file, fullPage: true });
    console.log(`[screenshot] saved ${path.relative(root, file)}`);
    await shopperOnAPhone(browser, base);
    await browser.close();
  } finally {
    stopServer(server);
  }
}

/** A shopper on a phone: the add-to-cart confirmation, then the checkout page. */
async function shopperOnAPhone(browser: import("@playwright/test").Browser, base: string) {
  const phone = await browser.newPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const save = async (name: string, fullPage: boolean) => {
    const file = path.join(root, "docs", name);
    await phone.screenshot({ path: file, fullPage });
    console.log(`[screenshot] saved ${path.relative(root, file)}`);
  };
  await phone.goto(`${base}/products/morning-blend`);
  await phone.getByLabel("Quantity").selectOption("2");
  await phone.getByRole("button", { name: "Add to cart" }).click();
  await phone.getByRole("region", { name: "Added to your cart" }).waitFor();
  await save("phone-add-to-cart.png", false);
  await phone.goto(`${base}/products/washi-tape-set`);
  await phone.getByRole("button", { name: "Add to cart" }).click();
  await phone.getByRole("region", { name: "Added to your cart" }).waitFor();
  await phone.goto(`${base}/checkout`);
  await phone.getByRole("heading", { name: "Checkout" }).waitFor();
  await save("phone-checkout.png", true);
  await phone.close();
}

main()
  .catch((error) => {
    console.error("[screenshot] failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
