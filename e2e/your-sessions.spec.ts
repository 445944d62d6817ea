import { expect, test, type Browser, type Page } from "@playwright/test";
import { DESKTOP, expectNoAxeViolations, PHONE } from "./axe";
import { logIn, signUp, uniqueEmail } from "./helpers";

// /account's "Your sessions" (issue 37): two sessions on the same kind of device are told apart,
// by eye and by their End buttons' names; ending this browser's own session asks first, with the
// keyboard and without JavaScript too.

const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

async function firefoxSession(browser: Browser, address: string) {
  const context = await browser.newContext({ userAgent: FIREFOX_ON_WINDOWS });
  const page = await context.newPage();
  await logIn(page, address);
  await expect(page).toHaveURL(/\/account/);
  return context;
}

const rows = (page: Page) => page.getByRole("list", { name: "Your sessions" }).getByRole("listitem");

test("two sessions on the same kind of device show when each signed in, and their End buttons say so", async ({
  page,
  browser,
}) => {
  const address = uniqueEmail("twins");
  await signUp(page, address);
  const first = await firefoxSession(browser, address);
  await new Promise((r) => setTimeout(r, 1100)); // sign-in times to the second: one apart
  const second = await firefoxSession(browser, address);

  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.goto("/account");
    const twins = rows(page).filter({ hasText: "Firefox on Windows" });
    await expect(twins).toHaveCount(2);
    await expect(rows(page).filter({ hasText: "This device" })).toHaveCount(1);
    const names: string[] = [];
    for (const row of await twins.all()) {
      const signedIn = (await row.getByText(/^Signed in/).innerText()).replace(
        /^Signed in (.*) · last active .*$/,
        "$1",
      );
      const button = row.getByRole("button");
      await expect(button).toHaveText("End");
      // The visible word first (WCAG 2.5.3), then what tells this row apart.
      await expect(button).toHaveAccessibleName(`End the session on Firefox on Windows, signed in ${signedIn}`);
      names.push((await button.getAttribute("aria-label"))!);
    }
    expect(new Set(names).size).toBe(2);
    await expectNoAxeViolations(page, `/account, two Firefox sessions (${viewport.width})`);
  }
  await first.close();
  await second.close();
});

test("ending this browser's own session asks first; Cancel keeps it, Confirm logs out (keyboard only)", async ({
  page,
}) => {
  await signUp(page, uniqueEmail("end-here"));
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    await page.goto("/account");
    const endHere = page.getByRole("button", { name: "End this session (this device)" });
    await endHere.focus();
    await page.keyboard.press("Enter");
    const question = page.getByRole("group", { name: "Ending this session logs you out in this browser." });
    await expect(question).toBeVisible();
    await expect(question.getByRole("button", { name: "Confirm: log out here" })).toBeFocused();
    await expectNoAxeViolations(page, `/account, asked to confirm (${viewport.width})`);

    // Shift+Tab is not needed: Cancel is next.
    await page.keyboard.press("Tab");
    await expect(question.getByRole("button", { name: "Cancel" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(question).toBeHidden();
    await expect(endHere).toBeFocused();
  }
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible(); // still signed in

  await page.getByRole("button", { name: "End this session (this device)" }).click();
  await page.getByRole("button", { name: "Confirm: log out here" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("You ended the session of this browser")).toBeVisible();
});

test("without JavaScript, ending this browser's own session is a second step too", async ({ browser }) => {
  const address = uniqueEmail("end-here-noscript");
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signUp(page, address);
  await page.goto("/account");

  await page.getByRole("button", { name: "End this session (this device)" }).click();
  await expect(page.getByRole("group", { name: "Ending this session logs you out in this browser." })).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "End this session (this device)" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm: log out here" })).toHaveCount(0);

  await page.getByRole("button", { name: "End this session (this device)" }).click();
  await page.getByRole("button", { name: "Confirm: log out here" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("You ended the session of this browser")).toBeVisible();
  await context.close();
});
