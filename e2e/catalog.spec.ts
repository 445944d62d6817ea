import { expect, test } from "@playwright/test";

test("the catalog shows the seeded products and sets no cookie", async ({ page, context }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "All products" })).toBeVisible();
  const products = page.getByRole("list", { name: "Products" }).getByRole("listitem");
  await expect(products).toHaveCount(16);
  await expect(page.getByRole("link", { name: "Morning Blend Coffee" })).toBeVisible();
  await expect(page.getByText("$14.50")).toBeVisible();
  expect(await context.cookies()).toEqual([]);
});

test("the category filter shows one category and marks it current", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Kitchen" }).click();
  await expect(page).toHaveURL(/\?category=kitchen$/);
  await expect(page.getByRole("heading", { name: "Kitchen" })).toBeVisible();
  const products = page.getByRole("list", { name: "Products" }).getByRole("listitem");
  await expect(products).toHaveCount(4);
  await expect(page.getByRole("link", { name: "Chef's Knife 20 cm" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Morning Blend Coffee" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Kitchen", exact: true })).toHaveAttribute("aria-current", "page");
});

test("a product page opens from the catalog", async ({ page, context }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Cast Iron Skillet" }).click();
  await expect(page).toHaveURL(/\/products\/cast-iron-skillet$/);
  await expect(page.getByRole("heading", { level: 1, name: "Cast Iron Skillet" })).toBeVisible();
  await expect(page.getByText("$45.00")).toBeVisible();
  await expect(page.getByText(/Pre-seasoned 26 cm skillet/)).toBeVisible();
  expect(await context.cookies()).toEqual([]);
});

test("an unknown product is a real 404 page", async ({ page }) => {
  const response = await page.goto("/products/no-such-thing");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn’t find that page" })).toBeVisible();
  await page.getByRole("link", { name: "Back to the shop" }).click();
  await expect(page.getByRole("heading", { name: "All products" })).toBeVisible();
});

test("the catalog is usable by keyboard and on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  const card = page.getByRole("link", { name: "Morning Blend Coffee" });
  await card.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Morning Blend Coffee" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
});
