import { expect, test } from "@playwright/test";
import { addFromProductPage } from "./helpers";

// A shop that fits a phone: no page scrolls sideways at 320 or 390 px, cart lines and messages
// included, and the catalog shows two products to a row.

const PAGES = [
  "/",
  "/?category=kitchen",
  "/products/brass-pen",
  "/cart",
  "/checkout",
  "/session",
  "/currency",
  "/login",
  "/signup",
  "/deals",
  "/about",
  "/outbox",
];

for (const width of [320, 390]) {
  test(`no page scrolls sideways at ${width} px, a cart with a message in it included`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await addFromProductPage(page, "brass-pen");
    await addFromProductPage(page, "cast-iron-skillet");
    for (const path of PAGES) {
      await page.goto(path);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${path} at ${width} px`).toBeLessThanOrEqual(width);
    }
    // A line's message ("Quantity updated.") must not push the page either.
    await page.goto("/cart");
    const line = page.getByRole("listitem", { name: "Cast Iron Skillet" });
    await line.getByRole("spinbutton", { name: "Quantity of Cast Iron Skillet" }).fill("2");
    await line.getByRole("spinbutton", { name: "Quantity of Cast Iron Skillet" }).press("Enter");
    await expect(line.getByText("Quantity updated.")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
}

test("on a phone the catalog shows two products to a row", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const cards = page.getByRole("list", { name: "Products" }).getByRole("listitem");
  const box = async (i: number) => (await cards.nth(i).boundingBox())!;
  const [first, second, third] = await Promise.all([box(0), box(1), box(2)]);
  expect(Math.abs(first.y - second.y)).toBeLessThan(2); // side by side
  expect(second.x).toBeGreaterThan(first.x + first.width - 1);
  expect(third.y).toBeGreaterThan(first.y + first.height - 1); // the third starts the next row
});

test("on a phone the header is one row; its links and the currency are under Menu", async ({ page }) => {
  for (const width of [320, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/");
    await expect(page.getByTestId("cart-count")).toBeVisible();
    const header = (await page.locator("header").first().boundingBox())!;
    expect(header.height, `header at ${width} px`).toBeLessThan(64);
  }
  await expect(page.getByRole("link", { name: "Deals" })).toBeHidden();
  await page.getByText("Menu").click();
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByRole("button", { name: "Set", exact: true }).click();
  await expect(page.getByText("€13.34").first()).toBeVisible(); // Morning Blend in euros
  await page.getByRole("link", { name: "Deals" }).click();
  await expect(page).toHaveURL(/\/deals$/);
});

test("on a phone the menu closes as a menu should: after its link, on Escape, on a tap outside, and when the focus moves past it", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  const menu = page.locator("summary", { hasText: "Menu" });
  const deals = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Deals" });
  await expect(deals).toBeHidden();

  await menu.click();
  await expect(deals).toBeVisible();
  await deals.click();
  await expect(page).toHaveURL(/\/deals$/);
  await expect(deals).toBeHidden(); // the next page does not load under an open menu

  await menu.click();
  await expect(deals).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(deals).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.click();
  await page.mouse.click(380, 700); // a tap on the page below, outside the panel
  await expect(deals).toBeHidden();

  // By keyboard: open it, tab through it, and one more Tab leaves it closed, with nothing hidden under it.
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(deals).toBeVisible();
  const panel = page.locator("#site-menu-panel");
  for (
    let i = 0;
    i < 12 &&
    (await panel.evaluate(
      (el) => el.contains(document.activeElement) || document.activeElement?.tagName === "SUMMARY",
    ));
    i++
  ) {
    await page.keyboard.press("Tab");
  }
  await expect(deals).toBeHidden();
  const focused = page.locator(":focus");
  await expect(focused).toBeVisible();
  const box = await focused.boundingBox();
  expect(box, "the focused element is on screen").not.toBeNull();
});

test("on a phone the checkout's folded item list shows one arrow, not the browser's marker beside its own", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await addFromProductPage(page, "washi-tape-set", 2);
  await page.goto("/checkout");
  const fold = page.locator("summary", { hasText: "The 2 items" });
  await expect(fold).toBeVisible();
  expect(await fold.evaluate((el) => getComputedStyle(el).listStyleType)).toBe("none");
  await fold.click();
  await expect(page.getByText("Washi Tape Set").first()).toBeVisible();
});
