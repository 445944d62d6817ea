import "./helpers/test-db";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { findProduct, listCategories, listProducts } from "../lib/catalog/catalog";
import { seedIfEmpty } from "../prisma/seed";

before(async () => {
  assert.equal(await seedIfEmpty(), true);
});

test("the seed is idempotent: a second run adds nothing", async () => {
  assert.equal(await seedIfEmpty(), false);
  assert.equal((await listProducts("USD")).length, 16);
});

test("the seeded catalog has at least 12 products in at least 3 categories", async () => {
  const categories = await listCategories();
  const products = await listProducts("USD");
  assert.ok(categories.length >= 3);
  assert.ok(products.length >= 12);
  for (const c of categories)
    assert.ok(
      products.some((p) => p.category.slug === c.slug),
      c.slug,
    );
});

test("the category filter returns that category only; an unknown one returns nothing", async () => {
  const kitchen = await listProducts("USD", "kitchen");
  assert.ok(kitchen.length > 0);
  assert.ok(kitchen.every((p) => p.category.slug === "kitchen"));
  assert.deepEqual(await listProducts("USD", "no-such-category"), []);
});

test("a product is found by slug, priced in the asked currency", async () => {
  const usd = await findProduct("morning-blend", "USD");
  const jpy = await findProduct("morning-blend", "JPY");
  assert.deepEqual(usd?.price, { amount: 1450, currency: "USD" });
  assert.deepEqual(jpy?.price, { amount: 2175, currency: "JPY" });
  assert.equal(await findProduct("nope", "USD"), null);
});

test("every product has its own drawing, not only its own caption", async () => {
  const products = await listProducts("USD");
  assert.ok(products.length >= 12);
  const drawings = products.map((p) => {
    const svg = fs.readFileSync(path.join("public", p.image), "utf8");
    assert.match(
      svg,
      new RegExp(`aria-label="${p.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`),
      `${p.image} names ${p.name}`,
    );
    return svg.replace(/<text[\s\S]*?<\/text>/g, "").replace(/aria-label="[^"]*"/, "");
  });
  assert.equal(new Set(drawings).size, products.length);
});
