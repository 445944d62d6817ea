import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { atWindowStart } from "../e2e/helpers";
import { startCluster, type Cluster } from "../scripts/local/cluster";
import { must } from "../scripts/must";

// Two app servers behind nginx, on one PostgreSQL and one Redis (scripts/local/cluster.ts). Requests go
// through nginx as a shopper's would, or straight to server A or B to choose who answers; straight
// requests carry X-Forwarded-For (the servers trust the proxy) so each test has its own address.

const PORT = Number(process.env.CLUSTER_E2E_PORT ?? 3200);
const json = { "content-type": "application/json" };
const PER_IP_CART_WRITES = 20;
let cluster: Cluster;
let db: pg.Client;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  cluster = await startCluster({
    port: PORT,
    size: 2,
    databaseUrl: process.env.CLUSTER_DATABASE_URL || undefined,
    quiet: true,
    env: {
      RATE_LIMIT_SESSIONS_PER_MIN: "1000",
      RATE_LIMIT_SESSIONS_PER_HOUR: "100000",
      RATE_LIMIT_SIGNUPS_PER_MIN: "1000",
      RATE_LIMIT_CART_WRITES_PER_IP_PER_MIN: String(PER_IP_CART_WRITES),
      LOG_LEVEL: "silent",
    },
  });
  db = new pg.Client({ connectionString: cluster.databaseUrl });
  await db.connect();
});

test.afterAll(async () => {
  await db?.end();
  await cluster?.stop();
});

let ipCounter = 0;
/** A client address of its own (198.18.0.0/15 is for tests), on a network of its own. */
const newAddress = () => `198.18.${++ipCounter}.${10 + (Date.now() % 200)}`;
const server = (i: number) => `http://127.0.0.1:${must(cluster.servers[i], `app server ${i + 1}`).port}`;
const from = (ip: string) => ({ ...json, "x-forwarded-for": ip });

/** A guest (its own cookie jar and address) who talks to server A or B by choice. */
async function guest(playwright: { request: { newContext(): Promise<APIRequestContext> } }) {
  const request = await playwright.request.newContext();
  const ip = newAddress();
  return {
    request,
    ip,
    get: (i: number, path: string) => request.get(server(i) + path, { headers: from(ip) }),
    post: (i: number, path: string, data: unknown) => request.post(server(i) + path, { headers: from(ip), data }),
    del: (i: number, path: string) => request.delete(server(i) + path, { headers: from(ip) }),
  };
}

const order = {
  email: "cluster@example.com",
  name: "Ada Lovelace",
  address: { line1: "1 Harbor St", city: "Arlington", postalCode: "22201", country: "US" },
  card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" },
};

test("a session made on server A works on server B, and one ended on B is refused on A", async ({ playwright }) => {
  const g = await guest(playwright);
  expect((await g.post(0, "/api/cart/items", { slug: "brass-pen", quantity: 2 })).status()).toBe(200);
  const onB = await g.get(1, "/api/session");
  expect(onB.status()).toBe(200);
  const session = (await onB.json()).anonymousSession;
  expect(session.data.cartItems).toEqual([expect.objectContaining({ quantity: 2 })]);
  expect((await (await g.get(1, "/api/cart")).json()).items).toEqual([
    expect.objectContaining({ slug: "brass-pen", quantity: 2 }),
  ]);

  // The cookie is copied before the session ends, as a thief would keep it.
  const cookies = await g.request.storageState();
  expect((await g.del(1, "/api/session")).status()).toBeLessThan(300);
  const replay = await playwright.request.newContext({ storageState: cookies });
  const refused = await replay.get(server(0) + "/api/session", { headers: from(g.ip) });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("no_session");
});

test("the per-address limit on cart writes counts across both servers", async ({ playwright }) => {
  const g = await guest(playwright);
  await atWindowStart();
  const statuses: number[] = [];
  for (let i = 0; i <= PER_IP_CART_WRITES; i++) {
    // Alternate servers, and start a new guest session now and then: the address is what counts.
    const fresh = i % 5 === 0 ? await guest(playwright) : g;
    const response = await fresh.request.post(server(i % 2) + "/api/cart/items", {
      headers: from(g.ip),
      data: { slug: "soy-candle", quantity: 1 },
    });
    statuses.push(response.status());
  }
  expect(
    statuses.slice(0, PER_IP_CART_WRITES).every((s) => s === 200),
    statuses.join(" "),
  ).toBe(true);
  expect(statuses.at(-1)).toBe(429);
});

test("concurrent checkouts through both servers never sell more than the stock", async ({ playwright }) => {
  const slug = "stoneware-vase";
  await db.query(`UPDATE "Product" SET "stock" = 3 WHERE "slug" = $1`, [slug]);
  const buyers = await Promise.all(Array.from({ length: 8 }, () => guest(playwright)));
  for (const [i, b] of buyers.entries()) {
    expect((await b.post(i % 2, "/api/cart/items", { slug, quantity: 1 })).status()).toBe(200);
  }
  const results = await Promise.all(buyers.map((b, i) => b.post(i % 2, "/api/checkout", order)));
  const statuses = results.map((r) => r.status()).sort();
  expect(statuses).toEqual([201, 201, 201, 409, 409, 409, 409, 409]);
  const { rows } = await db.query(`SELECT "stock" FROM "Product" WHERE "slug" = $1`, [slug]);
  expect(rows[0].stock).toBe(0);
  const sold = await db.query(
    `SELECT COALESCE(SUM(i."quantity"), 0)::int AS n FROM "OrderItem" i JOIN "Product" p ON p."id" = i."productId" WHERE p."slug" = $1`,
    [slug],
  );
  expect(sold.rows[0].n).toBe(3);
});

test("a product page cached on server B shows the stock an order through server A changed, within 5 s", async ({
  playwright,
}) => {
  const slug = "linen-apron";
  await db.query(`UPDATE "Product" SET "stock" = 4 WHERE "slug" = $1`, [slug]);
  const page = () => fetch(`${server(1)}/products/${slug}`).then((r) => r.text());
  // React separates text pieces with <!-- --> in the HTML.
  const stockText = (html: string) => /Only \d+ left|Out of stock|In stock/.exec(html.replaceAll("<!-- -->", ""))?.[0];
  // The first two requests render the page on B and cache it (in Redis); the second is a hit.
  expect(stockText(await page())).toBe("Only 4 left");
  expect(stockText(await page())).toBe("Only 4 left");
  const buyer = await guest(playwright);
  expect((await buyer.post(0, "/api/cart/items", { slug, quantity: 1 })).status()).toBe(200);
  expect((await buyer.post(0, "/api/checkout", order)).status()).toBe(201);
  await expect.poll(async () => stockText(await page()), { timeout: 5_000, intervals: [250] }).toBe("Only 3 left");
});

test("a shopper's journey through nginx: browse, add to the cart, sign up and find the cart there", async ({
  page,
}) => {
  await page.goto(`${cluster.url}/products/brass-pen`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  await page.goto(`${cluster.url}/signup`);
  await page.getByLabel("E-mail").fill(`cluster${Date.now()}@example.com`);
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/cart/);
  await expect(page.getByRole("link", { name: "Brass Ballpoint Pen" }).first()).toBeVisible();
});

test("a server stopped and started again mid-traffic loses no acknowledged order, migration or event", async ({
  playwright,
}) => {
  test.setTimeout(180_000);
  const slug = "soy-candle";
  await db.query(`UPDATE "Product" SET "stock" = 100000 WHERE "slug" = $1`, [slug]);
  const acknowledged = { orders: [] as string[], migrations: [] as string[], adds: 0 };
  let running = true;
  // Shoppers through nginx, one after another in two lanes, until the restarts are done.
  const lane = async (lane: number) => {
    for (let n = 0; running; n++) {
      const request = await playwright.request.newContext({ baseURL: cluster.url });
      const add = await request.post("/api/cart/items", { headers: json, data: { slug, quantity: 1 } });
      if (add.status() === 200) acknowledged.adds += 1;
      if (n % 2 === 0) {
        const placed = await request.post("/api/checkout", { headers: json, data: order });
        if (placed.status() === 201) acknowledged.orders.push((await placed.json()).order.id);
      } else {
        const email = `restart${lane}-${n}-${Date.now()}@example.com`;
        const signup = await request.post("/api/auth/signup", {
          headers: json,
          data: { email, password: "correct horse battery staple" },
        });
        const migration = signup.status() === 201 ? (await signup.json()).migration : null;
        if (migration) acknowledged.migrations.push(migration.fromSessionId);
      }
      await request.dispose();
    }
  };
  const lanes = [lane(1), lane(2)];
  await new Promise((r) => setTimeout(r, 1_500));
  for (const i of [0, 1]) {
    await cluster.stopServer(i);
    await new Promise((r) => setTimeout(r, 1_000)); // traffic goes to the other server meanwhile
    await cluster.startServer(i);
    await new Promise((r) => setTimeout(r, 1_000));
  }
  running = false;
  await Promise.all(lanes);

  expect(acknowledged.orders.length).toBeGreaterThan(2);
  expect(acknowledged.migrations.length).toBeGreaterThan(2);
  const orders = await db.query(`SELECT "id" FROM "Order" WHERE "id" = ANY($1)`, [acknowledged.orders]);
  expect(orders.rowCount).toBe(acknowledged.orders.length);
  const migrations = await db.query(`SELECT "guestSessionId" FROM "Migration" WHERE "guestSessionId" = ANY($1)`, [
    acknowledged.migrations,
  ]);
  expect(migrations.rowCount).toBe(acknowledged.migrations.length);
  // Every acknowledged add left its event (servers that stopped wrote their buffers first).
  await expect
    .poll(
      async () => {
        const events = await db.query(
          `SELECT COUNT(*)::int AS n FROM "Event" WHERE "name" = 'cart_add' AND "properties" LIKE $1`,
          [`%"${slug}"%`],
        );
        return events.rows[0].n;
      },
      { timeout: 5_000 },
    )
    .toBeGreaterThanOrEqual(acknowledged.adds);
});
