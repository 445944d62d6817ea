import { expect, test, type Locator, type Page } from "@playwright/test";
import { uniqueEmail } from "./helpers";

// From the catalog to a placed order with the keyboard alone: Tab, Enter and typing, no click.

/** Presses Tab until `target` has the focus (a page has fewer than 60 stops before any of these). */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

test("a shopper goes from the catalog to a placed order with the keyboard only", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("cart-count")).toBeVisible();
  await tabTo(page, page.getByRole("link", { name: "Morning Blend Coffee" }).first());
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Morning Blend Coffee" })).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: "Add to cart" }));
  await page.keyboard.press("Enter");
  const added = page.getByRole("region", { name: "Added to your cart" });
  await expect(added).toBeFocused();
  await tabTo(page, added.getByRole("link", { name: "Checkout" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Checkout", exact: true })).toBeVisible();

  const fields: [string, string][] = [
    ["E-mail", uniqueEmail("keys")],
    ["Full name", "Kay Board"],
    ["Address", "1 Tab Street"],
    ["City", "Springfield"],
    ["Postal code", "62704"],
    ["Card number", "4242 4242 4242 4242"],
    ["Expiry month", "12"],
    ["Expiry year", "2030"],
    ["CVC", "123"],
  ];
  for (const [label, value] of fields) {
    await tabTo(page, page.getByLabel(label, { exact: true }));
    await page.keyboard.type(value);
  }
  await tabTo(page, page.getByRole("button", { name: /^Place order/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Thank you, Kay Board!" })).toBeVisible();
  await expect(page.getByText("Springfield 62704")).toBeVisible(); // a US address: the ZIP code after the town
});
