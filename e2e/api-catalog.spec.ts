import { expect, test } from "@playwright/test";

test("GET /api/health answers ok once the database answers", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("GET /api/products lists the catalog in the documented shape", async ({ request }) => {
  const response = await request.get("/api/products");
  expect(response.status()).toBe(200);
  expect(response.headers()["set-cookie"]).toBeUndefined();
  const { products } = await response.json();
  expect(products).toHaveLength(16);
  const coffee = products.find((p: { slug: string }) => p.slug === "morning-blend");
  expect(coffee).toEqual({
    id: expect.any(String),
    slug: "morning-blend",
    name: "Morning Blend Coffee",
    category: "coffee-tea",
    price: { amount: 1450, currency: "USD" },
    stock: 40,
  });
});

test("GET /api/products?category= filters", async ({ request }) => {
  const { products } = await (await request.get("/api/products?category=stationery")).json();
  expect(products.length).toBe(4);
  expect(products.every((p: { category: string }) => p.category === "stationery")).toBe(true);
  const none = await (await request.get("/api/products?category=unknown")).json();
  expect(none.products).toEqual([]);
});
