import { expect, test } from "@playwright/test";
import { DESKTOP, expectNoAxeViolations, PHONE } from "./axe";
import { addFromProductPage } from "./helpers";

// A cart line's quantity is a stepper (issue 37): − / a number / +, each named for its product; a
// change applies by itself with JavaScript, stops at the stock or the cap and says so beside it;
// without JavaScript the number and an Update button do it.

for (const [size, viewport] of [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  test(`− and + change a line's quantity from the keyboard, and it applies by itself (${size})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await addFromProductPage(page, "brass-pen");
    await page.goto("/cart");
    const line = page.getByRole("listitem", { name: "Brass Ballpoint Pen" });
    const quantity = line.getByRole("spinbutton", { name: "Quantity of Brass Ballpoint Pen" });
    const more = line.getByRole("button", { name: "Increase quantity of Brass Ballpoint Pen" });
    const fewer = line.getByRole("button", { name: "Decrease quantity of Brass Ballpoint Pen" });
    await expect(quantity).toHaveValue("1");
    await expect(line.getByRole("button", { name: "Update" })).toHaveCount(0);

    await more.focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter"); // two quick presses: one change, to 3
    await expect(quantity).toHaveValue("3");
    await expect(line.getByText("Quantity updated.")).toBeVisible();
    await expect(more).toBeFocused(); // the focus stays where it was
    await page.reload();
    await expect(quantity).toHaveValue("3");

    await fewer.focus();
    await page.keyboard.press("Space");
    await expect(line.getByText("Quantity updated.")).toBeVisible();
    await page.reload();
    await expect(quantity).toHaveValue("2");
    await expectNoAxeViolations(page, `/cart, stepper (${size})`);
  });
}

test("the stepper stops at what is in stock and says so beside it", async ({ page, request }) => {
  await page.setViewportSize(PHONE);
  const { products } = await (await request.get("/api/products")).json();
  const planner = products.find((p: { slug: string }) => p.slug === "desk-planner");
  expect(planner.stock).toBeGreaterThan(1);
  await addFromProductPage(page, "desk-planner");
  await page.goto("/cart");
  const line = page.getByRole("listitem", { name: "Weekly Desk Planner" });
  const quantity = line.getByRole("spinbutton", { name: "Quantity of Weekly Desk Planner" });

  // Typed past the stock: kept at the stock, applied on Enter, and said beside it.
  await quantity.fill(String(planner.stock + 5));
  await quantity.press("Enter");
  await expect(quantity).toHaveValue(String(planner.stock));
  const limit = line.getByText(`Only ${planner.stock} in stock.`);
  await expect(limit).toBeVisible();
  await expect(quantity).toHaveAccessibleDescription(new RegExp(`^Only ${planner.stock} in stock\\.`));
  const more = line.getByRole("button", { name: "Increase quantity of Weekly Desk Planner" });
  await expect(more).toHaveAttribute("aria-disabled", "true");
  await expect(line.getByText("Quantity updated.")).toBeVisible();
  await expectNoAxeViolations(page, "/cart, stepper at the stock");
  await page.reload();
  await expect(quantity).toHaveValue(String(planner.stock));

  // 0 removes the line (and Undo offers it back).
  await quantity.fill("0");
  await quantity.press("Enter");
  await expect(page.getByRole("button", { name: "Undo: put Weekly Desk Planner back" })).toBeVisible();
});

test("without JavaScript the quantity is a number with an Update button, and no − or +", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
  const page = await context.newPage();
  await page.goto("/products/brass-pen");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.goto("/cart");
  await expect(page.getByRole("button", { name: /^(Increase|Decrease) quantity/ })).toHaveCount(0);
  await page.getByRole("spinbutton", { name: "Quantity of Brass Ballpoint Pen" }).fill("4");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByText("Quantity updated.")).toBeVisible();
  await expect(page.getByRole("spinbutton", { name: "Quantity of Brass Ballpoint Pen" })).toHaveValue("4");
  await context.close();
});
