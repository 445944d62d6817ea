import { expect, test, type Browser, type Page } from "@playwright/test";
import { DESKTOP, expectNoAxeViolations, PHONE } from "./axe";
import { addFromProductPage, logIn, PASSWORD, signUp, uniqueEmail } from "./helpers";

// Where the focus goes when what the shopper acted on goes away (issue 37): after "End" on
// /account, after "Move to cart" from the saved items, after a password change. Never to <body>;
// to the next row, or to the message that says what happened. Driven by the keyboard only.

const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

async function secondDevice(browser: Browser, address: string) {
  const context = await browser.newContext({ userAgent: FIREFOX_ON_WINDOWS });
  const page = await context.newPage();
  await logIn(page, address);
  await expect(page).toHaveURL(/\/account/);
  return context;
}

/** Presses a button with the keyboard, as a keyboard user reaches and uses it. */
async function press(page: Page, name: string) {
  const button = page.getByRole("button", { name });
  await button.focus();
  await page.keyboard.press("Enter");
}

const savedLines = (page: Page) => page.getByRole("list", { name: "Saved for later" }).getByRole("listitem");

for (const [size, viewport] of [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  test(`after ending a session the focus goes to the next session's End button, then to the message (${size})`, async ({
    page,
    browser,
  }) => {
    await page.setViewportSize(viewport);
    const address = uniqueEmail("focus-end");
    await signUp(page, address);
    const others = [await secondDevice(browser, address), await secondDevice(browser, address)];
    await page.goto("/account");
    const sessions = page.getByRole("list", { name: "Your sessions" }).getByRole("listitem");
    await expect(sessions).toHaveCount(3);

    await page
      .getByRole("button", { name: /^End the session on Firefox on Windows/ })
      .first()
      .focus();
    await page.keyboard.press("Enter");
    await expect(sessions).toHaveCount(2);
    await expect(page.getByText("That session has ended")).toBeVisible();
    // The other Firefox session's End button took its place.
    await expect(page.getByRole("button", { name: /^End the session on Firefox on Windows/ })).toBeFocused();
    await expectNoAxeViolations(page, `/account, a session ended (${size})`);

    await press(page, "End all other sessions");
    await expect(sessions).toHaveCount(1);
    await expect(page.getByText("Ended 1 other session.")).toBeFocused();
    for (const context of others) await context.close();
  });

  test(`after "Move to cart" the focus goes to the next saved item, then to the message (${size})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const address = uniqueEmail("focus-saved");
    await signUp(page, address);
    await addFromProductPage(page, "soy-candle");
    await page.goto("/account");
    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
    await addFromProductPage(page, "brass-pen");
    await addFromProductPage(page, "washi-tape-set");
    await logIn(page, address);
    await page.getByRole("radio", { name: /Keep your account's cart/ }).check();
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/cart\?welcome=1$/);

    await page.goto("/account");
    await expect(savedLines(page)).toHaveCount(2);
    const [first, second] = await savedLines(page).evaluateAll((lis) => lis.map((li) => li.getAttribute("aria-label")));
    await press(page, `Move to cart: ${first}`);
    await expect(savedLines(page)).toHaveCount(1);
    await expect(page.getByRole("listitem", { name: second! })).toBeFocused();
    await expect(page.getByText("Moved to your cart.")).toBeVisible();
    await expectNoAxeViolations(page, `/account, a saved item moved (${size})`);

    await press(page, `Move to cart: ${second}`);
    await expect(page.getByText("Nothing saved.")).toBeVisible();
    await expect(page.getByText("Moved to your cart.")).toBeFocused();
    await expectNoAxeViolations(page, `/account, the last saved item moved (${size})`);
  });
}

test("after a password change the focus goes to the message that says it is done", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signUp(page, uniqueEmail("focus-password"));
  await page.goto("/account");
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("plum tractor velvet harbour");
  await press(page, "Change password");
  await expect(page.getByRole("status").filter({ hasText: "Your password is changed." })).toBeFocused();
  await expect(page.getByLabel("Current password")).toHaveValue("");
  await expectNoAxeViolations(page, "/account, password changed");
});
