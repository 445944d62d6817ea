import { expect, test, type APIRequestContext } from "@playwright/test";

// The JSON API as an outside program sees it. Each test uses its own request context, so each
// starts with no cookie.

const json = { "content-type": "application/json" };

function sessionCookie(setCookie: string | undefined): string {
  const value = /passerby_session=([^;]*)/.exec(setCookie ?? "")?.[1];
  if (value === undefined) throw new Error(`no session cookie in ${setCookie}`);
  return value;
}

async function productId(request: APIRequestContext, slug: string): Promise<string> {
  const { products } = await (await request.get("/api/products")).json();
  return products.find((p: { slug: string }) => p.slug === slug).id;
}

test("POST /api/session starts a guest session (201) once, then returns it (200)", async ({ request }) => {
  expect((await request.get("/api/session")).status()).toBe(401);
  const created = await request.post("/api/session");
  expect(created.status()).toBe(201);
  expect(created.headers()["cache-control"]).toBe("no-store");
  const setCookie = created.headers()["set-cookie"];
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Lax/i);
  const body = await created.json();
  expect(body.anonymousSession.sessionId).toMatch(/^guest_[\w-]{22}$/);
  expect(
    new Date(body.anonymousSession.expiresAt).getTime() - new Date(body.anonymousSession.createdAt).getTime(),
  ).toBe(86_400_000);

  const again = await request.post("/api/session");
  expect(again.status()).toBe(200);
  expect((await again.json()).anonymousSession.sessionId).toBe(body.anonymousSession.sessionId);
  const current = await request.get("/api/session");
  expect((await current.json()).anonymousSession.sessionId).toBe(body.anonymousSession.sessionId);
});

test("the cart API: add, change, remove, with prices from the database", async ({ request }) => {
  expect(await (await request.get("/api/cart")).json()).toEqual({
    items: [],
    subtotal: { amount: 0, currency: "USD" },
    savedForLater: [],
  });
  // A client cannot name its own price: an unknown field is refused, not ignored, and nothing is added.
  const priced = await request.post("/api/cart/items", {
    headers: json,
    data: { slug: "morning-blend", quantity: 2, price: 1 },
  });
  expect(priced.status()).toBe(422);
  expect((await priced.json()).error.message).toContain('"price"');
  expect((await (await request.get("/api/cart")).json()).items).toEqual([]);
  const added = await request.post("/api/cart/items", { headers: json, data: { slug: "morning-blend", quantity: 2 } });
  expect(added.status()).toBe(200);
  const coffee = await productId(request, "morning-blend");
  const cart = await added.json();
  expect(cart.items).toEqual([
    {
      productId: coffee,
      slug: "morning-blend",
      name: "Morning Blend Coffee",
      quantity: 2,
      unitPrice: { amount: 1450, currency: "USD" },
    },
  ]);
  expect(cart.subtotal).toEqual({ amount: 2900, currency: "USD" });

  const patched = await request.patch(`/api/cart/items/${coffee}`, { headers: json, data: { quantity: 5 } });
  expect((await patched.json()).items[0].quantity).toBe(5);
  const session = await (await request.get("/api/session")).json();
  expect(session.anonymousSession.data.cartItems).toEqual([{ productId: coffee, quantity: 5 }]);

  await request.put("/api/preferences", { headers: json, data: { currency: "GBP" } });
  const gbp = await (await request.get("/api/cart")).json();
  expect(gbp.subtotal).toEqual({ amount: 5 * 1146, currency: "GBP" });
  const products = await (await request.get("/api/products?category=coffee-tea")).json();
  expect(products.products[0].price.currency).toBe("GBP");

  const removed = await request.delete(`/api/cart/items/${coffee}`);
  expect((await removed.json()).items).toEqual([]);
  const zero = await request.post("/api/cart/items", { headers: json, data: { slug: "brass-pen" } });
  const pen = await productId(request, "brass-pen");
  const gone = await request.patch(`/api/cart/items/${pen}`, { headers: json, data: { quantity: 0 } });
  expect(zero.status()).toBe(200);
  expect((await gone.json()).items).toEqual([]);
});

test("bad input gets a 4xx with a code and a sentence, and changes nothing", async ({ request }) => {
  await request.post("/api/cart/items", { headers: json, data: { slug: "soy-candle", quantity: 1 } });
  const candle = await productId(request, "soy-candle");
  const cases: [Promise<import("@playwright/test").APIResponse>, number, string][] = [
    [request.post("/api/cart/items", { headers: json, data: Buffer.from("{not json") }), 400, "invalid_json"],
    [
      request.post("/api/cart/items", { headers: { "content-type": "text/plain" }, data: "x" }),
      415,
      "unsupported_media_type",
    ],
    [
      request.post("/api/cart/items", { headers: json, data: { slug: "soy-candle", quantity: 100 } }),
      422,
      "invalid_input",
    ],
    [
      request.post("/api/cart/items", { headers: json, data: { slug: "soy-candle", quantity: "2" } }),
      422,
      "invalid_input",
    ],
    [request.post("/api/cart/items", { headers: json, data: { quantity: 1 } }), 422, "invalid_input"],
    [request.post("/api/cart/items", { headers: json, data: { slug: "unicorn" } }), 404, "not_found"],
    [request.post("/api/cart/items", { headers: json, data: { slug: "plant-mister" } }), 409, "out_of_stock"],
    [request.patch(`/api/cart/items/${candle}`, { headers: json, data: { quantity: -1 } }), 422, "invalid_input"],
    [request.patch(`/api/cart/items/${candle}`, { headers: json, data: { quantity: 1.5 } }), 422, "invalid_input"],
    [request.patch("/api/cart/items/nope", { headers: json, data: { quantity: 1 } }), 404, "not_in_cart"],
    [request.put("/api/preferences", { headers: json, data: { currency: "CHF" } }), 422, "invalid_input"],
    [request.put("/api/preferences", { headers: json, data: [] }), 422, "invalid_input"],
    [
      request.post("/api/cart/items", {
        headers: { ...json, origin: "https://evil.example" },
        data: { slug: "soy-candle" },
      }),
      403,
      "forbidden_origin",
    ],
  ];
  for (const [pending, status, code] of cases) {
    const response = await pending;
    expect(response.status(), code).toBe(status);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/\.$/);
  }
  const cart = await (await request.get("/api/cart")).json();
  expect(cart.items.map((i: { slug: string; quantity: number }) => [i.slug, i.quantity])).toEqual([["soy-candle", 1]]);
  expect(cart.subtotal.currency).toBe("USD");
});

test("an ended session's replayed cookie is refused, and a tampered one is cleared", async ({
  playwright,
  baseURL,
}) => {
  const a = await playwright.request.newContext({ baseURL });
  const created = await a.post("/api/session");
  const seal = sessionCookie(created.headers()["set-cookie"]);
  expect((await a.delete("/api/session")).status()).toBe(200);

  const replay = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `passerby_session=${seal}` },
  });
  const refused = await replay.get("/api/session");
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("no_session");
  expect(refused.headers()["set-cookie"]).toMatch(/passerby_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
  // A write with the dead cookie starts a fresh session rather than reviving the old one.
  const fresh = await replay.post("/api/cart/items", { headers: json, data: { slug: "soy-candle" } });
  expect(fresh.status()).toBe(200);
  expect(sessionCookie(fresh.headers()["set-cookie"])).not.toBe(seal);

  const tampered = seal.slice(0, -3) + (seal.endsWith("A~2") ? "B~2" : "A~2");
  const t = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `passerby_session=${tampered}` },
  });
  expect((await t.get("/api/session")).status()).toBe(401);
  expect((await t.get("/api/cart")).status()).toBe(200);
  await Promise.all([a.dispose(), replay.dispose(), t.dispose()]);
});

test("cart writes past the per-session limit get 429 with Retry-After", async ({ request }) => {
  await request.post("/api/cart/items", { headers: json, data: { slug: "dot-grid-notebook" } });
  const notebook = await productId(request, "dot-grid-notebook");
  let limited: import("@playwright/test").APIResponse | undefined;
  // Windows are fixed minutes: twice the limit and one more fill a window even if a minute turns over midway.
  for (let i = 0; i < 121 && !limited; i++) {
    const r = await request.patch(`/api/cart/items/${notebook}`, { headers: json, data: { quantity: (i % 5) + 1 } });
    if (r.status() === 429) limited = r;
    else expect(r.status()).toBe(200);
  }
  expect(limited, "the 61st write in one minute's window is refused").toBeDefined();
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await limited!.json()).error.code).toBe("rate_limited");
});
