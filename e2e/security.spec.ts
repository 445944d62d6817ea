import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { countRows } from "./database";
import { addFromProductPage, fillCheckout, uniqueEmail } from "./helpers";

// The attacks of the security review, tried against the real server: headers, session fixation
// through a planted cookie at checkout, made-up URLs that would fill the disk, restore links
// pointed at other hosts or opened cross-site, and the security log's lines.

const json = { "content-type": "application/json" };
const LOG_FILE = path.join(".e2e-data", "security.log");

test("every response carries the security headers, no HSTS over plain http, and JSON is never cached", async ({
  request,
}) => {
  for (const url of [
    "/",
    "/products/soy-candle",
    "/cart",
    "/products/no-such-product",
    "/api/session",
    "/api/products",
    "/api/nope",
  ]) {
    const headers = (await request.get(url)).headers();
    const csp = headers["content-security-policy"] ?? "";
    for (const directive of [
      "default-src 'self'",
      "frame-ancestors 'none'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
    ]) {
      expect(csp, `${url}: ${directive}`).toContain(directive);
    }
    expect(csp, url).not.toContain("unsafe-eval");
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["x-frame-options"], url).toBe("DENY");
    expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], url).toContain("camera=()");
    expect(headers["strict-transport-security"], url).toBeUndefined();
  }
  for (const url of ["/api/products", "/api/cart", "/api/health", "/api/orders"]) {
    const headers = (await request.get(url)).headers();
    expect(headers["cache-control"], url).toBe("no-store");
    expect(headers["vary"] ?? "", url).toContain("Cookie");
  }
});

test("without TRUST_PROXY a client cannot claim https or another host: no HSTS, no __Host- cookie, no Origin bypass", async ({
  request,
}) => {
  const claimed = await request.post("/api/session", { headers: { "x-forwarded-proto": "https" } });
  expect(claimed.headers()["strict-transport-security"]).toBeUndefined();
  expect(claimed.headers()["set-cookie"]).toMatch(/^passerby_session=/);
  const forged = await request.post("/api/cart/items", {
    headers: { ...json, origin: "http://evil.example", "x-forwarded-host": "evil.example" },
    data: { slug: "soy-candle" },
  });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.code).toBe("forbidden_origin");
});

test("cross-site posts to pages get a 403, not the framework's 500; redirects and refusals carry the headers too", async ({
  request,
}) => {
  for (const origin of ["http://evil.example", "null"]) {
    const response = await request.post("/session", {
      headers: { origin, "content-type": "text/plain;charset=UTF-8", "next-action": "00" },
      data: "[]",
    });
    expect(response.status(), origin).toBe(403);
    expect(await response.text()).toBe("Requests from other sites are not accepted.");
  }
  const redirect = await request.get("/cart/", { maxRedirects: 0 });
  expect(redirect.status()).toBe(308);
  const trace = await request.fetch("/", { method: "TRACE" });
  expect(trace.status()).toBe(405);
  for (const response of [redirect, trace]) {
    expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  }
});

test("a cookie planted before checkout sees nothing of the victim's order: checkout rotates the session", async ({
  browser,
  playwright,
  baseURL,
}) => {
  // The attacker starts a guest session and plants its cookie in the victim's browser.
  const attacker = await playwright.request.newContext({ baseURL });
  await attacker.post("/api/session");
  const planted = (await attacker.storageState()).cookies.find((c) => c.name === "passerby_session")!;
  const victimContext = await browser.newContext();
  await victimContext.addCookies([planted]);
  const victim = await victimContext.newPage();

  await addFromProductPage(victim, "soy-candle");
  expect((await victimContext.cookies()).find((c) => c.name === "passerby_session")?.value).toBe(planted.value); // it was used
  await victim.goto("/checkout");
  await fillCheckout(victim, "victim@example.com", "4242 4242 4242 4242");
  await victim.getByRole("button", { name: /^Place order/ }).click();
  await expect(victim).toHaveURL(/\/orders\/ord_[\w-]+$/);
  await expect(victim.getByRole("heading", { name: "Thank you, Ada Lovelace!" })).toBeVisible();
  const orderId = new URL(victim.url()).pathname.split("/").at(-1)!;

  // The victim goes on under a new id; the planted cookie is dead and sees nothing.
  expect((await victimContext.cookies()).find((c) => c.name === "passerby_session")?.value).not.toBe(planted.value);
  expect((await attacker.get("/api/session")).status()).toBe(401);
  const theirOrders = await attacker.get("/api/orders");
  expect(JSON.stringify(await theirOrders.json())).not.toContain("victim@example.com");
  expect((await attacker.get(`/api/orders/${orderId}`)).status()).toBe(404);
  const mine = await victim.request.get("/api/orders");
  expect((await mine.json()).orders.map((o: { id: string }) => o.id)).toContain(orderId);
  await attacker.dispose();
  await victimContext.close();
});

function serverFiles(dir = path.join(".next", "server")): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = serverFiles(full);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files += 1;
      bytes += fs.statSync(full).size;
    }
  }
  return { files, bytes };
}

async function rowCounts() {
  const n = await countRows(["GuestSession", "Event", "RateLimitWindow"]);
  return { sessions: n.GuestSession, events: n.Event, windows: n.RateLimitWindow };
}

test("hundreds of made-up URLs grow neither the server's cache folder nor the database", async ({ request }) => {
  test.setTimeout(120_000);
  const made = (i: number) => [
    `/products/made-up-${i}`,
    `/?category=made-up-${i}`,
    `/products/${"x".repeat(200 + i)}`,
    `/products/bad%00slug${i}`,
    `/orders/ord_made_up_${i}`,
    `/cart/restore/${"t".repeat(43)}`,
    `/deals?x=${i}`,
  ];
  // Warm up: the first 404 renders Next's one shared not-found page.
  for (const url of made(0)) await request.get(url, { maxRedirects: 0 });
  for (const url of made(0)) await request.get(url, { headers: { cookie: "passerby_currency=EUR" }, maxRedirects: 0 });
  const before = { ...serverFiles(), ...(await rowCounts()) };
  for (let i = 1; i <= 25; i++) {
    for (const url of made(i)) {
      expect((await request.get(url, { maxRedirects: 0 })).status(), url).toBeLessThan(500);
      expect(
        (await request.get(url, { headers: { cookie: "passerby_currency=EUR" }, maxRedirects: 0 })).status(),
        url,
      ).toBeLessThan(500);
    }
  }
  const after = { ...serverFiles(), ...(await rowCounts()) };
  expect(after).toEqual(before);
});

/** A raw request, so that the Host header is the one a client chose. */
function rawPost(url: string, host: string, cookie: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers: { host, cookie, ...json } }, (res) => {
      let data = "";
      res.on("data", (c) => (data += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

test("restore links: built only for allowed hosts, previewed on GET, added by a button, landing on the same host", async ({
  browser,
  playwright,
  baseURL,
}) => {
  const guest = await playwright.request.newContext({ baseURL });
  await guest.post("/api/cart/items", { headers: json, data: { slug: "linen-apron", quantity: 1 } });
  const cookie = (await guest.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const port = new URL(baseURL!).port;

  for (const host of [
    "evil.example",
    `localhost:${port}/ Your order is on hold, confirm your card at https://evil.example/pay`,
    `evil.example@localhost:${port}`,
    `localhost:${port}#.evil.example`,
  ]) {
    const refused = await rawPost(`${baseURL}/api/cart/email`, host, cookie, { email: "lead@example.com" });
    expect(refused.status, host).toBe(421);
    expect(JSON.parse(refused.body).error.message).toContain("PUBLIC_URL");
  }
  expect((await (await guest.get("/api/outbox")).json()).messages).toHaveLength(0);

  const sent = await rawPost(`${baseURL}/api/cart/email`, `localhost:${port}`, cookie, { email: "lead@example.com" });
  expect(sent.status).toBe(202);
  const [message] = (await (await guest.get("/api/outbox")).json()).messages;
  const link: string = message.links[0];
  expect(link.startsWith(`http://localhost:${port}/cart/restore/`)).toBe(true);

  // Opened from another site (a plain GET): shows what it carries, changes nothing, sets no cookie.
  const other = await browser.newContext({ javaScriptEnabled: false });
  const page = await other.newPage();
  await page.goto(link.replace(`localhost:${port}`, `127.0.0.1:${port}`), { referer: "https://evil.example/" });
  await expect(page.getByRole("list", { name: "Items in the e-mailed cart" })).toContainText("Linen Apron");
  expect(await other.cookies()).toEqual([]);
  // Pressed, without JavaScript: the answer's redirect is relative, so the shopper stays on 127.0.0.1.
  const redirect = page.waitForResponse((r) => r.status() === 303);
  await page.getByRole("button", { name: "Add to my cart" }).click();
  expect((await redirect).headers()["location"]).toBe("/cart");
  await expect(page).toHaveURL(`http://127.0.0.1:${port}/cart`);
  await expect(page.getByRole("status")).toContainText("1 item was added");
  await other.close();

  // A link dies with its guest session when the shopper ends it (e2e/emailed-cart.spec.ts: not when it only went idle).
  await guest.post("/api/cart/items", { headers: json, data: { slug: "linen-apron", quantity: 1 } });
  await rawPost(`${baseURL}/api/cart/email`, `localhost:${port}`, cookie, { email: "lead@example.com" });
  const second = (await (await guest.get("/api/outbox")).json()).messages
    .map((m: { links: string[] }) => m.links[0])
    .find((l: string) => l !== link);
  await guest.delete("/api/session");
  const late = await browser.newContext();
  const latePage = await late.newPage();
  await latePage.goto(second);
  await expect(latePage.getByRole("status")).toContainText("its guest session was ended by the shopper");
  await expect(latePage.getByRole("button", { name: "Add to my cart" })).toHaveCount(0);
  await late.close();
  await guest.dispose();
});

test("the security log records log-in failures and sessions, with no raw id, password or card number", async ({
  request,
}) => {
  const address = uniqueEmail("logged");
  const password = "velvet harbor lantern 77";
  const before = fs.existsSync(LOG_FILE) ? fs.readFileSync(LOG_FILE, "utf8").length : 0;
  expect((await request.post("/api/auth/signup", { headers: json, data: { email: address, password } })).status()).toBe(
    201,
  );
  const sessionId = (await (await request.get("/api/session")).json()).authenticatedSession.sessionId;
  await request.post("/api/auth/logout");
  const wrong = "wrong horse battery 12";
  expect(
    (await request.post("/api/auth/login", { headers: json, data: { email: address, password: wrong } })).status(),
  ).toBe(401);
  expect(
    (
      await request.post("/api/cart/items", {
        headers: { ...json, origin: "https://evil.example" },
        data: { slug: "soy-candle" },
      })
    ).status(),
  ).toBe(403);

  await expect
    .poll(() => fs.existsSync(LOG_FILE) && fs.readFileSync(LOG_FILE, "utf8").includes('"login.failed"'))
    .toBe(true);
  const text = fs.readFileSync(LOG_FILE, "utf8");
  // This test's lines only: other tests' addresses can mask the same way.
  const lines = text
    .slice(before)
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  const masked = `${address[0]}***@example.com`;
  const failed = lines.find((l) => l.event === "login.failed" && l.email === masked);
  expect(failed).toMatchObject({ reason: "wrong_password", ip: expect.any(String), time: expect.any(String) });
  expect(lines.some((l) => l.event === "signup" && l.email === masked)).toBe(true);
  expect(lines.some((l) => l.event === "session.ended")).toBe(true);
  expect(lines.some((l) => l.event === "origin_refused")).toBe(true);
  for (const secret of [sessionId, password, wrong, address, "4242424242424242", "4242 4242 4242 4242"]) {
    expect(text.includes(secret), secret).toBe(false);
  }
  expect(text).not.toMatch(/(guest|auth)_[\w-]{22}/);
});

test("CONNECT, which Node would hang up on, gets a 405 with Allow", async ({ baseURL }) => {
  const { port, hostname } = new URL(baseURL!);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () =>
      socket.write(`CONNECT /api/cart HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`),
    );
    let data = "";
    socket.on("data", (chunk) => (data += chunk));
    socket.on("close", () => resolve(data));
    socket.on("error", reject);
  });
  expect(answer).toMatch(/^HTTP\/1\.1 405 /);
  expect(answer).toContain("Allow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4)).error.code).toBe("method_not_allowed");
});

test("no answer of the production server carries the development CSP: pages, JSON, 404s, the guard's 405 and 403, Next's 307 and 308", async ({
  request,
  baseURL,
}) => {
  const answers = [
    ["200 page", await request.get("/")],
    ["200 JSON", await request.get("/api/products")],
    ["404 page", await request.get("/no-such-page")],
    ["404 JSON", await request.get("/api/nope")],
    ["405 TRACE (the guard)", await request.fetch("/", { method: "TRACE" })],
    ["405 TRACE on the API (the guard)", await request.fetch("/api/cart", { method: "TRACE" })],
    [
      "403 cross-site POST (the guard)",
      await request.post("/session", { headers: { origin: "http://evil.example", "next-action": "00" }, data: "[]" }),
    ],
    ["307 Next's config redirect", await request.get("/browse/USD/category/all", { maxRedirects: 0 })],
    ["308 Next's trailing slash", await request.get("/cart/", { maxRedirects: 0 })],
  ] as const;
  const statuses = answers.map(([kind, response]) => `${kind}: ${response.status()}`);
  expect(statuses).toEqual(answers.map(([kind]) => `${kind}: ${kind.slice(0, 3)}`));
  for (const [kind, response] of answers) {
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp, kind).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp, kind).not.toContain("unsafe-eval");
  }
  // CONNECT, answered on the raw socket.
  const { port, hostname } = new URL(baseURL!);
  const connect = await new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () =>
      socket.write(`CONNECT /api/cart HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`),
    );
    let data = "";
    socket.on("data", (chunk) => (data += chunk));
    socket.on("close", () => resolve(data));
    socket.on("error", reject);
  });
  expect(connect).toMatch(/^HTTP\/1\.1 405 /);
  expect(connect).toMatch(/Content-Security-Policy: [^\r]*script-src 'self' 'unsafe-inline'/i);
  expect(connect).not.toContain("unsafe-eval");
});
