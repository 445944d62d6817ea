import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E_DATABASE_URL } from "./database";
import { atWindowStart, uniqueEmail } from "./helpers";

// The shop behind a proxy: a second `next start` on the same build and database, with
// TRUST_PROXY=true (client address, host and scheme come from X-Forwarded-*, as nginx would send
// them) and low limits, so that several client addresses and https can be played from one machine.

const PORT = Number(process.env.E2E_PROXY_PORT ?? 3101);
const base = `http://localhost:${PORT}`;
const json = { "content-type": "application/json" };
let server: ChildProcess;

test.beforeAll(async () => {
  server = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(PORT)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: E2E_DATABASE_URL,
      SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-0001",
      TRUST_PROXY: "true",
      RATE_LIMIT_SESSIONS_PER_MIN: "1000",
      RATE_LIMIT_SESSIONS_PER_HOUR: "100000",
      RATE_LIMIT_SIGNUPS_PER_MIN: "1000",
      RATE_LIMIT_CART_WRITES_PER_IP_PER_MIN: "5",
      RATE_LIMIT_LOGINS_PER_MIN: "3",
      LOG_LEVEL: "silent",
      NODE_OPTIONS: `--require ${path.resolve("scripts", "run", "http-guard.cjs")}`, // as npm start runs it
    },
    stdio: "ignore",
  });
  await expect
    .poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
    .toBe(200);
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

const from = (ip: string) => ({ ...json, "x-forwarded-for": ip });

async function addOne(request: APIRequestContext, ip: string) {
  const fresh = await request.post(`${base}/api/cart/items`, {
    headers: from(ip),
    data: { slug: "soy-candle", quantity: 1 },
  });
  return fresh;
}

test("dropping the cookie buys no more cart writes: the per-address ceiling holds across new sessions", async ({
  playwright,
}) => {
  test.setTimeout(120_000);
  await atWindowStart();
  const ip = `203.0.113.${10 + (Date.now() % 200)}`;
  for (let i = 0; i < 5; i++) {
    const fresh = await playwright.request.newContext(); // a new cookie jar each time: a new guest session
    expect((await addOne(fresh, ip)).status()).toBe(200);
    await fresh.dispose();
  }
  const sixth = await playwright.request.newContext();
  const refused = await addOne(sixth, ip);
  expect(refused.status()).toBe(429);
  expect((await refused.json()).error).toMatchObject({
    code: "rate_limited",
    message: expect.stringContaining("network"),
  });
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(refused.headers()["set-cookie"] ?? "").not.toContain("passerby_session=");
  await sixth.dispose();
  const elsewhere = await playwright.request.newContext();
  expect((await addOne(elsewhere, "198.51.100.7")).status()).toBe(200);
  await elsewhere.dispose();
});

test("wrong passwords from one address cannot lock the owner out from another", async ({ playwright }) => {
  test.setTimeout(120_000);
  await atWindowStart();
  const email = uniqueEmail("owner");
  const password = "velvet harbor lantern 31";
  const setup = await playwright.request.newContext();
  expect(
    (await setup.post(`${base}/api/auth/signup`, { headers: from("192.0.2.50"), data: { email, password } })).status(),
  ).toBe(201);
  await setup.dispose();

  const attacker = await playwright.request.newContext();
  const attempt = (ip: string, pw: string) =>
    attacker.post(`${base}/api/auth/login`, { headers: from(ip), data: { email, password: pw } });
  for (let i = 0; i < 3; i++) expect((await attempt("203.0.113.66", `wrong guess ${i} zz`)).status()).toBe(401);
  const blocked = await attempt("203.0.113.66", "wrong guess 4 zz");
  expect(blocked.status()).toBe(429);
  expect(Number(blocked.headers()["retry-after"])).toBeGreaterThan(0);
  await attacker.dispose();

  const owner = await playwright.request.newContext();
  const ok = await owner.post(`${base}/api/auth/login`, { headers: from("192.0.2.51"), data: { email, password } });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).user.email).toBe(email);
  await owner.dispose();
});

test("over https (as the proxy says) the session cookie is __Host- prefixed and Secure, and HSTS is sent", async ({
  playwright,
}) => {
  const client = await playwright.request.newContext();
  const created = await client.post(`${base}/api/session`, {
    headers: { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.80" },
  });
  expect(created.status()).toBe(201);
  expect(created.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  const cookie = created.headersArray().find((h) => h.name.toLowerCase() === "set-cookie")!.value;
  expect(cookie).toMatch(/^__Host-passerby_session=/);
  expect(cookie).toMatch(/; Secure/i);
  expect(cookie).toMatch(/; Path=\//);
  expect(cookie).toMatch(/; HttpOnly/i);
  expect(cookie).not.toMatch(/Domain=/i);
  const plain = await client.get(`${base}/api/health`, { headers: { "x-forwarded-for": "198.51.100.80" } });
  expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  await client.dispose();
});
