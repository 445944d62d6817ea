import { expect, test } from "@playwright/test";
import { PASSWORD } from "./helpers";

const json = { "content-type": "application/json" };
let n = 0;
const email = () => `api${Date.now()}${++n}@Example.com`;

test("sign-up migrates the guest cart and returns { user, migration }", async ({ request }) => {
  await request.post("/api/cart/items", { headers: json, data: { slug: "morning-blend", quantity: 2 } });
  await request.put("/api/preferences", { headers: json, data: { currency: "EUR" } });
  const guest = (await (await request.get("/api/session")).json()).anonymousSession;
  const address = email();
  const response = await request.post("/api/auth/signup", {
    headers: json,
    data: { email: `  ${address} `, password: PASSWORD },
  });
  expect(response.status()).toBe(201);
  const body = await response.json();
  expect(body.user.email).toBe(address.toLowerCase());
  // One event moves with the guest: the cart_add (API calls report no page views).
  expect(body.migration).toEqual({
    fromSessionId: guest.sessionId,
    cartChoice: "combine",
    cartItems: 1,
    savedForLater: 0,
    preferences: true,
    events: 1,
    orders: 0,
  });
  const session = (await (await request.get("/api/session")).json()).authenticatedSession;
  expect(session).toMatchObject({ type: "authenticated", email: address.toLowerCase(), migratedFrom: guest.sessionId });
  expect(session.sessionId).not.toBe(guest.sessionId);
  expect(session.permissions).toContain("checkout");
  expect(session.data.preferences.currency).toBe("EUR");
  const cart = await (await request.get("/api/cart")).json();
  expect(cart.items[0]).toMatchObject({ slug: "morning-blend", quantity: 2, unitPrice: { currency: "EUR" } });
  expect(cart.savedForLater).toEqual([]);
});

test("log-in with keep_account returns savedForLater; log-out ends the session on the server", async ({
  playwright,
  baseURL,
}) => {
  const address = email();
  const a = await playwright.request.newContext({ baseURL });
  await a.post("/api/auth/signup", { headers: json, data: { email: address, password: PASSWORD } });
  await a.post("/api/cart/items", { headers: json, data: { slug: "soy-candle" } });
  const out = await a.post("/api/auth/logout");
  expect(out.status()).toBe(200);
  expect(out.headers()["clear-site-data"]).toBe('"cookies"');

  const b = await playwright.request.newContext({ baseURL });
  await b.post("/api/cart/items", { headers: json, data: { slug: "brass-pen" } });
  const login = await b.post("/api/auth/login", {
    headers: json,
    data: { email: address, password: PASSWORD, cartChoice: "keep_account" },
  });
  expect(login.status()).toBe(200);
  expect((await login.json()).migration).toMatchObject({ cartChoice: "keep_account", cartItems: 0, savedForLater: 1 });
  const cart = await (await b.get("/api/cart")).json();
  expect(cart.items.map((i: { slug: string }) => i.slug)).toEqual(["soy-candle"]);
  expect(cart.savedForLater.map((i: { slug: string }) => i.slug)).toEqual(["brass-pen"]);

  const seal = /passerby_session=([^;]*)/.exec(login.headers()["set-cookie"] ?? "")![1];
  await b.post("/api/auth/logout");
  const replay = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `passerby_session=${seal}` },
  });
  expect((await replay.get("/api/session")).status()).toBe(401);
  await Promise.all([a.dispose(), b.dispose(), replay.dispose()]);
});

test("saved-for-later over the API: a line moves back to the cart or is removed; guests and unknown lines are refused", async ({
  playwright,
  baseURL,
}) => {
  const address = email();
  const member = await playwright.request.newContext({ baseURL });
  await member.post("/api/auth/signup", { headers: json, data: { email: address, password: PASSWORD } });
  await member.post("/api/cart/items", { headers: json, data: { slug: "soy-candle" } });
  await member.post("/api/auth/logout");
  await member.post("/api/cart/items", { headers: json, data: { slug: "brass-pen", quantity: 2 } });
  await member.post("/api/cart/items", { headers: json, data: { slug: "linen-apron" } });
  await member.post("/api/auth/login", {
    headers: json,
    data: { email: address, password: PASSWORD, cartChoice: "keep_account" },
  });
  const before = await (await member.get("/api/cart")).json();
  const saved = (slug: string) => before.savedForLater.find((i: { slug: string }) => i.slug === slug).productId;
  const slugs = (lines: { slug: string; quantity: number }[]) => lines.map((i) => `${i.slug} × ${i.quantity}`);

  const moved = await member.post(`/api/saved-for-later/${saved("brass-pen")}/to-cart`);
  expect(moved.status()).toBe(200);
  const afterMove = await moved.json();
  expect(slugs(afterMove.items)).toEqual(["soy-candle × 1", "brass-pen × 2"]);
  expect(slugs(afterMove.savedForLater)).toEqual(["linen-apron × 1"]);

  const removed = await member.delete(`/api/saved-for-later/${saved("linen-apron")}`);
  expect(removed.status()).toBe(200);
  expect((await removed.json()).savedForLater).toEqual([]);
  expect(slugs((await (await member.get("/api/cart")).json()).items)).toEqual(["soy-candle × 1", "brass-pen × 2"]);

  const again = await member.delete(`/api/saved-for-later/${saved("linen-apron")}`);
  expect([again.status(), (await again.json()).error.code]).toEqual([404, "not_saved"]);
  const guest = await playwright.request.newContext({ baseURL });
  await guest.post("/api/cart/items", { headers: json, data: { slug: "brass-pen" } });
  const refused = await guest.post(`/api/saved-for-later/${saved("brass-pen")}/to-cart`);
  expect([refused.status(), (await refused.json()).error.code]).toEqual([403, "forbidden"]);
  await Promise.all([member.dispose(), guest.dispose()]);
});

test("log-in without a guest session migrates nothing (migration: null)", async ({ playwright, baseURL }) => {
  const address = email();
  const a = await playwright.request.newContext({ baseURL });
  await a.post("/api/auth/signup", { headers: json, data: { email: address, password: PASSWORD } });
  const b = await playwright.request.newContext({ baseURL });
  const login = await b.post("/api/auth/login", { headers: json, data: { email: address, password: PASSWORD } });
  expect(await login.json()).toMatchObject({ user: { email: address.toLowerCase() }, migration: null });
  await Promise.all([a.dispose(), b.dispose()]);
});

test("no user enumeration; bad input gets a code and a sentence", async ({ request }) => {
  const address = email();
  await request.post("/api/auth/signup", { headers: json, data: { email: address, password: PASSWORD } });
  await request.post("/api/auth/logout");
  const unknown = await request.post("/api/auth/login", {
    headers: json,
    data: { email: "nobody@example.com", password: PASSWORD },
  });
  const wrong = await request.post("/api/auth/login", {
    headers: json,
    data: { email: address, password: "wrong password!" },
  });
  expect(unknown.status()).toBe(401);
  expect(wrong.status()).toBe(401);
  expect(await unknown.json()).toEqual(await wrong.json());

  const cases: [Record<string, unknown>, string, number, string][] = [
    [{ email: "nope", password: PASSWORD }, "signup", 422, "invalid_input"],
    [{ email: email(), password: "short" }, "signup", 422, "invalid_input"],
    [{ email: email(), password: "qwertyuiop" }, "signup", 422, "invalid_input"],
    [{ email: email() }, "signup", 422, "invalid_input"],
    [{ email: address, password: PASSWORD }, "signup", 409, "email_taken"],
    [{ email: address, password: PASSWORD, cartChoice: "merge_all" }, "login", 422, "invalid_input"],
    [{ password: PASSWORD }, "login", 422, "invalid_input"],
  ];
  for (const [data, route, status, code] of cases) {
    const r = await request.post(`/api/auth/${route}`, { headers: json, data });
    expect(r.status(), JSON.stringify(data)).toBe(status);
    const body = await r.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/\.$/);
  }
});
