import { expect, test } from "@playwright/test";
import { analyzeAtBothSizes } from "./axe";
import { addFromProductPage, fillCheckout, uniqueEmail } from "./helpers";

// The times a guest is told are the ones that apply: both limits (two idle hours, a day at most),
// the absolute end in the shopper's own time zone with the zone named, and in UTC, said so,
// where no script runs.

test.use({ timezoneId: "America/New_York" });

test("the cart and the order page name both limits, the end in the shopper's time zone", async ({ page }) => {
  await addFromProductPage(page, "brass-pen");
  await page.goto("/cart");
  const note = page.getByText(/This cart belongs to a guest session that ends after 2 hours without activity/);
  await expect(note).toBeVisible();
  await expect(note.getByTestId("idle-countdown")).toHaveText(/^1h 59m \d\ds$/);
  await expect(note).toContainText(/and at the latest at \w{3}, \w{3} \d+, \d+:\d\d [AP]M (EST|GMT-5)\./);
  await expect(note).not.toContainText("23h");
  expect(await analyzeAtBothSizes(page, "/cart, times")).toEqual([]);

  await page.goto("/checkout");
  await fillCheckout(page, uniqueEmail("times"), "4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Place order/ }).click();
  await expect(page).toHaveURL(/\/orders\/ord_/);
  const track = page.getByRole("region", { name: "Create an account to track this order" });
  await expect(track).toContainText(
    /Your guest session ends after 2 hours without activity, and at the latest at .+ (EST|GMT-5), and with it/,
  );
  await expect(track).toContainText(
    "The link in the confirmation e-mail still shows this order in any browser for 30 days",
  );
  await expect(track).not.toContainText("in a day");

  await page.goto("/about");
  await expect(
    page.getByText("A guest session ends after 2 hours without activity, and at the latest a day after it started."),
  ).toBeVisible();
});

test("without JavaScript the end is shown in UTC, and says so", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: "America/New_York" });
  const page = await context.newPage();
  await page.goto("/products/brass-pen");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.goto("/cart");
  await expect(page.getByText(/and at the latest at \w{3} \d+ \w{3}, \d\d:\d\d UTC\./)).toBeVisible();
  await context.close();
});
