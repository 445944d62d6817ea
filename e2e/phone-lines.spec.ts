import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations, PHONE } from "./axe";
import { addFromProductPage, logIn, signUp, uniqueEmail } from "./helpers";

// The cart's and the saved items' lines on a phone (issue 37): Undo puts a line back where it was,
// not at the bottom; a saved item's name has a row of its own instead of squeezing to three lines.

const cartNames = (page: Page) =>
  page
    .getByRole("list", { name: "Cart items" })
    .getByRole("listitem")
    .evaluateAll((lis) => lis.map((li) => li.getAttribute("aria-label")));

test("Undo puts a removed line back where it was", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await addFromProductPage(page, "brass-pen");
  await addFromProductPage(page, "soy-candle");
  await addFromProductPage(page, "washi-tape-set");
  await page.goto("/cart");
  const order = ["Brass Ballpoint Pen", "Cedar Soy Candle", "Washi Tape Set"];
  expect(await cartNames(page)).toEqual(order);

  await page.getByRole("button", { name: "Remove Cedar Soy Candle" }).click();
  await expect(page.getByRole("listitem", { name: "Washi Tape Set" })).toBeFocused();
  await page.getByRole("button", { name: "Undo: put Cedar Soy Candle back" }).click();
  await expect(page.getByRole("listitem", { name: "Cedar Soy Candle" })).toBeFocused();
  expect(await cartNames(page)).toEqual(order);
  await page.reload();
  expect(await cartNames(page)).toEqual(order);
  await expectNoAxeViolations(page, "/cart after Undo (phone)");

  // The last line comes back last.
  await page.getByRole("button", { name: "Remove Washi Tape Set" }).click();
  await page.getByRole("button", { name: "Undo: put Washi Tape Set back" }).click();
  await expect(page.getByRole("listitem", { name: "Washi Tape Set" })).toBeFocused();
  expect(await cartNames(page)).toEqual(order);
});

test("a saved item's name keeps a row of its own on a phone", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const address = uniqueEmail("phone-saved");
  await signUp(page, address);
  await addFromProductPage(page, "soy-candle");
  await page.goto("/account");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await addFromProductPage(page, "bamboo-board");
  await logIn(page, address);
  await page.getByRole("radio", { name: /Keep your account's cart/ }).check();
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/cart\?welcome=1$/);

  for (const path of ["/cart", "/account"]) {
    await page.goto(path);
    const name = page
      .getByRole("list", { name: "Saved for later" })
      .getByRole("link", { name: "Bamboo Cutting Board" });
    const box = (await name.boundingBox())!;
    const lineHeight = await name.evaluate((a) => parseFloat(getComputedStyle(a).lineHeight));
    expect(box.height, `${path}: the name on one line`).toBeLessThan(lineHeight * 1.5);
    await expectNoAxeViolations(page, `${path}, saved items (phone)`);
  }
});

test("on a phone the log-in's line-by-line choices are read whole, and chosen with the keyboard", async ({ page }) => {
  await page.setViewportSize(PHONE);
  const address = uniqueEmail("phone-lines");
  await signUp(page, address);
  await addFromProductPage(page, "brass-pen", 5); // the account's cart
  await page.goto("/account");
  await page.getByRole("button", { name: "Log out" }).click();
  await addFromProductPage(page, "brass-pen", 2);
  await logIn(page, address);
  const line = page.getByRole("group", {
    name: "Brass Ballpoint Pen: 2 in this browser's cart, 5 in your account's cart",
  });
  const longest = line.getByRole("radio", {
    name: "Keep the 2 in this browser's cart; save your account's cart's 5 for later",
  });
  await expect(longest).toBeVisible();
  // Every choice's words wrap inside the screen: none is cut off or runs past its edge.
  const clipped = await line
    .locator("label")
    .evaluateAll(
      (labels) =>
        labels.filter((l) => l.scrollWidth > l.clientWidth || l.getBoundingClientRect().right > window.innerWidth)
          .length,
    );
  expect(clipped).toBe(0);
  await longest.focus();
  await page.keyboard.press("ArrowDown");
  await expect(line.getByRole("radio", { name: /^Keep the 5 in your account's cart/ })).toBeChecked();
  await expectNoAxeViolations(page, "/login with line choices (phone)");
});
