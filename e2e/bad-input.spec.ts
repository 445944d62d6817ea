import { expect, test, type APIRequestContext } from "@playwright/test";

// A data-driven corpus of bad input over every JSON route and dynamic page. Each case must get a
// 4xx with a code and a sentence (JSON under /api) and change nothing: no session cookie set for
// a caller without one, the cart of a caller with one exactly as it was, no order placed.

type Case = {
  name: string;
  method: string;
  path: string;
  body?: string | Buffer;
  contentType?: string;
  status?: number;
};

const json = "application/json";
const surrogate = '"\\ud800"';

// Values of the wrong kind, shape or size, for any field.
const BAD_VALUES: [string, string][] = [
  ["null", "null"],
  ["true", "true"],
  ["a number", "123"],
  ["an array", "[]"],
  ["an object", "{}"],
  ["a lone surrogate", surrogate],
  ["a low surrogate", '"\\udc00abc"'],
  ["a NUL character", '"a\\u0000b"'],
  ["a huge number", "1e308"],
  ["a negative number", "-1"],
  ["a fraction", "0.5"],
  ["an empty string", '""'],
  ["a 10 kB string", JSON.stringify("x".repeat(10_000))],
];

/** Every field of a valid body replaced, one at a time, by each bad value. */
function fieldCases(method: string, path: string, valid: Record<string, unknown>): Case[] {
  const out: Case[] = [];
  const paths = (obj: Record<string, unknown>, prefix = ""): string[] =>
    Object.entries(obj).flatMap(([k, v]) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? paths(v as Record<string, unknown>, `${prefix}${k}.`)
        : [`${prefix}${k}`],
    );
  for (const field of paths(valid)) {
    for (const [label, raw] of BAD_VALUES) {
      const marker = "__BAD__";
      const copy = structuredClone(valid);
      const keys = field.split(".");
      let target = copy as Record<string, unknown>;
      for (const k of keys.slice(0, -1)) target = target[k] as Record<string, unknown>;
      target[keys.at(-1)!] = marker;
      const body = JSON.stringify(copy).replace(`"${marker}"`, raw);
      out.push({ name: `${method} ${path} ${field} = ${label}`, method, path, body });
    }
  }
  return out;
}

/** Whole-body problems any JSON route must refuse. */
function bodyCases(method: string, path: string, valid: Record<string, unknown>): Case[] {
  const base = JSON.stringify(valid);
  return [
    { name: `${method} ${path} not JSON`, method, path, body: "{not json" },
    { name: `${method} ${path} empty body`, method, path, body: "" },
    { name: `${method} ${path} a JSON array`, method, path, body: "[]" },
    { name: `${method} ${path} a JSON string`, method, path, body: '"hello"' },
    { name: `${method} ${path} text/plain`, method, path, body: base, contentType: "text/plain" },
    {
      name: `${method} ${path} form-encoded`,
      method,
      path,
      body: "a=1",
      contentType: "application/x-www-form-urlencoded",
    },
    {
      name: `${method} ${path} 1 MB body`,
      method,
      path,
      body: JSON.stringify({ ...valid, pad: "x".repeat(1_000_000) }),
      status: 413,
    },
    { name: `${method} ${path} unknown field`, method, path, body: JSON.stringify({ ...valid, isAdmin: true }) },
    {
      name: `${method} ${path} __proto__ key`,
      method,
      path,
      body: base.replace(/^\{/, '{"__proto__":{"isAdmin":true},'),
    },
    {
      name: `${method} ${path} constructor key`,
      method,
      path,
      body: base.replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},'),
    },
    {
      name: `${method} ${path} prototype key`,
      method,
      path,
      body: base.replace(/^\{/, '{"prototype":{"isAdmin":true},'),
    },
    // The same words one level down, in each nested object the route takes (an address, a card, line choices).
    ...[...base.matchAll(/":\{/g)].map((m, i) => ({
      name: `${method} ${path} __proto__ key in nested object ${i + 1}`,
      method,
      path,
      body: base.slice(0, m.index + 3) + '"__proto__":{"polluted":true},' + base.slice(m.index + 3),
    })),
    { name: `${method} ${path} surrogate key`, method, path, body: base.replace(/^\{/, `{${surrogate}:1,`) },
    { name: `${method} ${path} 30,000 nested arrays`, method, path, body: "[".repeat(30_000) + "]".repeat(30_000) },
    {
      name: `${method} ${path} 10,000 nested objects`,
      method,
      path,
      body: '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000),
    },
    {
      name: `${method} ${path} invalid UTF-8`,
      method,
      path,
      body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
    },
  ];
}

const card = { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2031, cvc: "123" };
const checkout = {
  email: "corpus@example.com",
  name: "Corpus",
  address: { line1: "1 Test St", city: "Testville", postalCode: "12345", country: "US" },
  card,
};

const JSON_ROUTES: [string, string, Record<string, unknown>][] = [
  ["POST", "/api/cart/items", { slug: "soy-candle", quantity: 1 }],
  ["PATCH", "/api/cart/items/PRODUCT", { quantity: 1 }],
  ["PUT", "/api/preferences", { currency: "EUR" }],
  ["POST", "/api/auth/signup", { email: "corpus-signup@example.com", password: "velvet harbor lantern" }],
  [
    "POST",
    "/api/auth/login",
    {
      email: "corpus-login@example.com",
      password: "velvet harbor lantern",
      cartChoice: "combine",
      lineChoices: { prod: "sum" },
    },
  ],
  [
    "POST",
    "/api/account/password",
    { currentPassword: "velvet harbor lantern", newPassword: "plum tractor velvet harbour" },
  ],
  ["DELETE", "/api/account", { password: "velvet harbor lantern" }],
  ["POST", "/api/checkout", checkout],
  ["POST", "/api/payment-methods", { card, password: "velvet harbor lantern" }],
  ["POST", "/api/cart/email", { email: "corpus-lead@example.com" }],
  ["POST", "/api/visitor", { path: "/" }],
];

const PATH_CASES: Case[] = [
  ...["/api/cart/items/%ff", "/api/orders/%ff", "/api/cart/items/%c0%af", "/api/orders/%00", "/api/orders/a%2"].map(
    (path) => ({ name: `GET ${path}`, method: "GET", path }),
  ),
  { name: "PATCH bad encoding", method: "PATCH", path: "/api/cart/items/%ff", body: '{"quantity":1}' },
  { name: "DELETE bad encoding", method: "DELETE", path: "/api/cart/items/%e2%82" },
  { name: "GET unknown api", method: "GET", path: "/api/does-not-exist" },
  { name: "POST unknown api", method: "POST", path: "/api/admin/users", body: "{}" },
  { name: "GET deep unknown api", method: "GET", path: "/api/cart/items/x/y/z" },
  ...(
    [
      ["PUT", "/api/cart"],
      ["DELETE", "/api/products"],
      ["GET", "/api/checkout"],
      ["POST", "/api/health"],
      ["PUT", "/api/session"],
      ["GET", "/api/auth/login"],
      ["PATCH", "/api/cart/items"],
      ["POST", "/api/orders"],
      ["DELETE", "/api/orders/ord_x"],
      ["PUT", "/api/outbox"],
      ["GET", "/api/payment-methods"],
      ["POST", "/api/admin/analytics"],
      ["GET", "/api/cart/email"],
      ["GET", "/api/preferences"],
      ["GET", "/api/auth/logout"],
    ] as const
  ).map(([method, path]) => ({ name: `${method} ${path} (wrong method)`, method, path, status: 405 })),
  ...["TRACE", "PROPFIND"].flatMap((method) =>
    ["/api/cart", "/api/nope"].map((path) => ({
      name: `${method} ${path} (a method the shop does not speak)`,
      method,
      path,
      status: 405,
    })),
  ),
  { name: "GET unknown order", method: "GET", path: "/api/orders/ord_doesnotexist", status: 404 },
  { name: "GET 300-char order id", method: "GET", path: `/api/orders/${"o".repeat(300)}`, status: 404 },
  {
    name: "POST an unknown product",
    method: "POST",
    path: "/api/cart/items",
    body: '{"slug":"no-such-product"}',
    status: 404,
  },
  {
    name: "POST more than the stock",
    method: "POST",
    path: "/api/cart/items",
    body: '{"slug":"plant-mister","quantity":99}',
    status: 409,
  },
  { name: "PATCH product not in cart", method: "PATCH", path: "/api/cart/items/nonexistent", body: '{"quantity":1}' },
  { name: "DELETE product not in cart", method: "DELETE", path: "/api/cart/items/nonexistent" },
  { name: "DELETE a session handle, bad encoding", method: "DELETE", path: "/api/account/sessions/%ff" },
  {
    name: "DELETE a 300-char session handle",
    method: "DELETE",
    path: `/api/account/sessions/${"s".repeat(300)}`,
    status: 403,
  },
  { name: "POST end-others without an account", method: "POST", path: "/api/account/sessions/end-others", status: 403 },
  { name: "POST claim-orders without an account", method: "POST", path: "/api/account/claim-orders", status: 403 },
  {
    name: "GET admin lookup, not an admin",
    method: "GET",
    path: `/api/admin/sessions?q=${"%ff".repeat(3)}`,
    status: 403,
  },
  {
    name: "DELETE admin end, not an admin",
    method: "DELETE",
    path: `/api/admin/sessions/${"0".repeat(24)}`,
    status: 403,
  },
];

function corpus(productId: string): Case[] {
  const cases: Case[] = [];
  for (const [method, path, valid] of JSON_ROUTES) {
    const real = path.replace("PRODUCT", productId);
    cases.push(...fieldCases(method, real, valid), ...bodyCases(method, real, valid));
  }
  return [...cases, ...PATH_CASES];
}

async function send(request: APIRequestContext, c: Case, headers: Record<string, string> = {}) {
  return request.fetch(c.path, {
    method: c.method,
    headers: { ...(c.body !== undefined ? { "content-type": c.contentType ?? json } : {}), ...headers },
    data: typeof c.body === "string" ? Buffer.from(c.body, "utf8") : c.body,
    maxRedirects: 0,
  });
}

async function expectRefused(response: Awaited<ReturnType<typeof send>>, c: Case) {
  const status = response.status();
  expect(status, c.name).toBeGreaterThanOrEqual(400);
  expect(status, c.name).toBeLessThan(500);
  if (c.status) expect(status, c.name).toBe(c.status);
  const body = await response.json().catch(() => null);
  expect(body?.error?.code, c.name).toMatch(/^[a-z_]+$/);
  expect(body?.error?.message, c.name).toMatch(/^\S.*[.!?)]$/s);
  if (status === 405) expect(response.headers()["allow"], c.name).toBeTruthy();
}

test("the bad-input corpus: 200+ cases, each a 4xx with a code and a sentence, and nothing written", async ({
  playwright,
  baseURL,
  request,
}) => {
  test.setTimeout(180_000);
  const products = (await (await request.get("/api/products")).json()).products as { id: string; slug: string }[];
  const productId = products.find((p) => p.slug === "soy-candle")!.id;
  const cases = corpus(productId);
  expect(cases.length).toBeGreaterThanOrEqual(200);

  // A caller with no session: no case may start one.
  const stranger = await playwright.request.newContext({ baseURL });
  for (const c of cases) {
    const response = await send(stranger, c);
    await expectRefused(response, c);
    expect(response.headers()["set-cookie"] ?? "", c.name).not.toContain("passerby_session=");
  }
  expect((await stranger.storageState()).cookies).toEqual([]);
  await stranger.dispose();

  // A guest with a cart: no case may change it or place an order.
  const guest = await playwright.request.newContext({ baseURL });
  await guest.post("/api/cart/items", { headers: { "content-type": json }, data: { productId, quantity: 2 } });
  const before = await (await guest.get("/api/cart")).json();
  for (const c of cases) await expectRefused(await send(guest, c), c);
  expect(await (await guest.get("/api/cart")).json()).toEqual(before);
  expect((await (await guest.get("/api/orders")).json()).orders).toEqual([]);
  await guest.dispose();
});

test("dynamic pages answer bad paths with a page, never a 500", async ({ request }) => {
  for (const path of [
    "/products/%ff",
    "/orders/%ff",
    "/cart/restore/%ff",
    "/products/%00",
    "/orders/a%2",
    "/products/%5Bslug%5D",
    "/products/[slug]",
    "/orders/%5Bid%5D",
    "/account/claim/%ff",
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect(await response.text(), path).toContain("That address can't be read");
  }
  for (const path of [
    `/products/${"a".repeat(300)}`,
    "/products/no-such-thing",
    "/orders/ord_nothing",
    "/cart/restore/xyz",
    "/?category=no-such",
    `/account/claim/${"t".repeat(300)}`,
    "/admin/sessions?q=%00",
  ]) {
    const response = await request.get(path);
    expect(response.status(), path).toBeLessThan(500);
  }
});

test("a server action called with anything but a form answers like an empty form, never a 500", async ({ request }) => {
  const html = await (await request.get("/signup")).text();
  const id =
    /\$ACTION_ID_([0-9a-f]{20,})/.exec(html)?.[1] ?? /&quot;id&quot;:&quot;([0-9a-f]{20,})&quot;/.exec(html)?.[1];
  expect(id, "the sign-up form names its action").toBeTruthy();
  for (const body of ["[null,5]", "[]", '["x",{"a":1}]']) {
    const response = await request.post("/signup", {
      headers: { "next-action": id!, "content-type": "text/plain;charset=UTF-8" },
      data: body,
    });
    expect(response.status(), body).toBeLessThan(500);
    expect(response.headers()["set-cookie"] ?? "", body).not.toContain("passerby_session=");
  }
});
