import { expect, type Page } from "@playwright/test";

// What several journeys do the same way.

export const PASSWORD = "correct horse battery";

let n = 0;
/** A fresh address per call, so tests never collide on the shared e2e database. */
export const uniqueEmail = (prefix: string) => `${prefix}${Date.now()}${++n}@example.com`;

/** Fixed one-minute windows: start a burst early in a window, so it cannot straddle two. */
export async function atWindowStart() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 200));
}

/** Adds a product from its page, as a shopper does, and waits for the confirmation. */
export async function addFromProductPage(page: Page, slug: string, quantity = 1) {
  await page.goto(`/products/${slug}`);
  if (quantity !== 1) await page.getByLabel("Quantity").selectOption(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
}

/** Fills the checkout form as a shopper does; with `card`, a new card too. */
export async function fillCheckout(page: Page, contact: string, card?: string) {
  await page.getByLabel("E-mail").fill(contact);
  await page.getByLabel("Full name").fill("Ada Lovelace");
  await page.getByLabel("Address", { exact: true }).fill("1 Analytical Way");
  await page.getByLabel("City").fill("London");
  await page.getByLabel("Postal code").fill("N1 9GU");
  await page.getByLabel("Country").selectOption("GB");
  if (card) {
    await page.getByLabel("Card number").fill(card);
    await page.getByLabel("Expiry month").fill("12");
    await page.getByLabel("Expiry year").fill("2030");
    await page.getByLabel("CVC").fill("123");
  }
}

/** Creates an account in the browser, signed in afterwards. */
export async function signUp(page: Page, address: string, password = PASSWORD) {
  await page.goto("/signup");
  await page.getByLabel("E-mail").fill(address);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/(cart|account)\?welcome=1$/);
}

/** Fills and sends the log-in form (the caller checks where it lands). */
export async function logIn(page: Page, address: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(address);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** The administrator playwright.config.ts makes (ADMIN_EMAIL, ADMIN_PASSWORD). */
export const ADMIN = { email: "admin@passerby.test", password: "e2e admin password" };
