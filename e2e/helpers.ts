import { expect, type Page } from "@playwright/test";

// What several journeys do the same way.

export const PASSWORD = "correct horse battery";

let n = 0;
/** A fresh address per call, so tests never collide on the shared e2e database. */
export const uniqueEmail = (prefix: string) => `${prefix}${Date.now()}${++n}@example.com`;

/** Adds a product from its page, as a shopper does, and waits for the confirmation. */
export async function addFromProductPage(page: Page, slug: string, quantity = 1) {
  await page.goto(`/products/${slug}`);
  if (quantity !== 1) await page.getByLabel("Quantity").selectOption(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
}
