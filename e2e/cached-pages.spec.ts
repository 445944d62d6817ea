import { expect, test } from "@playwright/test";

// The catalog and product pages are served from Next's cache, one copy per currency, with
// nothing personal in them; stock changes still show, and the header is still personal.

const json = { "content-type": "application/json" };
const order = {
  email: "cache@example.com",
  name: "Cache Tester",
  address: { line1: "1 Main St", city: "Springfield", postalCode: "12345", country: "US" },
  card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" },
};

test("the catalog is served from the cache and sets no cookie", async ({ request }) => {
  // An earlier test's order may have marked the page stale: the first request then renders it
  // again in the background, and a later one is a HIT (on a slow machine, not always the second).
  await request.get("/");
  await expect.poll(async () => (await request.get("/")).headers()["x-nextjs-cache"], { timeout: 10_000 }).toBe("HIT");
  const again = await request.get("/");
  expect(again.status()).toBe(200);
  expect(again.headers()["set-cookie"]).toBeUndefined();
  const product = await request.get("/products/brass-pen");
  expect(product.status()).toBe(200);
  expect(await product.text()).toContain("Brass Ballpoint Pen");
});

test("a shopper who chose euros gets the cached copy in euros; others still get dollars", async ({
  request,
  playwright,
  baseURL,
}) => {
  const chose = await request.put("/api/preferences", { headers: json, data: { currency: "EUR" } });
  expect(chose.status()).toBe(200);
  expect((await request.storageState()).cookies.map((c) => c.name)).toContain("passerby_currency");
  const euros = await (await request.get("/products/morning-blend")).text();
  expect(euros).toContain("€13.34");
  expect(euros).not.toContain("$14.50");
  const kitchen = await (await request.get("/?category=kitchen")).text();
  expect(kitchen).toContain("Cast Iron Skillet");
  expect(kitchen).toContain("€41.40"); // $45.00
  expect(kitchen).not.toContain("Morning Blend Coffee");

  const stranger = await playwright.request.newContext({ baseURL });
  const dollars = await (await stranger.get("/products/morning-blend")).text();
  expect(dollars).toContain("$14.50");
  await stranger.dispose();

  // Back to dollars: the hint cookie goes away with it.
  await request.put("/api/preferences", { headers: json, data: { currency: "USD" } });
  expect((await request.storageState()).cookies.map((c) => c.name)).not.toContain("passerby_currency");
});

test("an order's stock change shows on the cached product page", async ({ request }) => {
  const page = () => request.get("/products/chef-knife").then((r) => r.text());
  expect(await page()).toContain("In stock"); // 8 in stock: no count shown yet
  await request.post("/api/cart/items", { headers: json, data: { slug: "chef-knife", quantity: 4 } });
  expect((await request.post("/api/checkout", { headers: json, data: order })).status()).toBe(201);
  await expect.poll(page).toContain("Only <!-- -->4<!-- --> left");
});

test("the header is personal although the page is not", async ({ page }) => {
  await page.goto("/products/washi-tape-set");
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await page.getByRole("button", { name: "Add to cart" }).click();
  // The count shows 1 while the add is still pending; wait for the answer (and its cookie).
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.goto("/");
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await page.getByLabel("Currency").selectOption("GBP");
  await page.getByRole("button", { name: "Set", exact: true }).click();
  await expect(page.getByText("£11.46")).toBeVisible(); // Morning Blend in pounds
  await page.reload();
  await expect(page.getByText("£11.46")).toBeVisible();
  await expect(page.getByLabel("Currency")).toHaveValue("GBP");
});
