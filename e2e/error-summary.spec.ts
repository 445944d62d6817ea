import { expect, test, type Locator, type Page } from "@playwright/test";
import { DESKTOP, expectNoAxeViolations, PHONE } from "./axe";
import { addFromProductPage, signUp, uniqueEmail } from "./helpers";

// A refused form says so once, at its top (issue 37): an alert that lists the problems as links to
// the fields and takes the focus; the messages beside the fields stay visible but are not live
// regions, so a screen reader does not read nine of them at once.

/** The live region (if any) an element sits in. */
const liveRegionOf = (element: Locator) =>
  element.evaluate(
    (e) => e.closest("[aria-live], [role=alert], [role=status], [role=log]")?.getAttribute("role") ?? null,
  );

async function checkSummary(page: Page, summary: Locator, firstField: Locator, errorBeside: Locator, label: string) {
  await expect(summary).toBeFocused();
  // At the top: above the form's first field.
  const top = async (l: Locator) => (await l.boundingBox())!.y;
  expect(await top(summary)).toBeLessThan(await top(firstField));
  await expect(errorBeside).toBeVisible();
  expect(await liveRegionOf(errorBeside)).toBeNull();
  await expect(page.locator("[aria-live]").filter({ hasText: /\S/ })).toHaveCount(0);
  await expectNoAxeViolations(page, label);
}

for (const [size, viewport] of [
  ["phone", PHONE],
  ["desktop", DESKTOP],
] as const) {
  test(`the checkout's refusal is one alert at the top of the form, with links to the fields (${size})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await addFromProductPage(page, "brass-pen");
    await page.goto("/checkout");
    await page.getByRole("button", { name: /^Place order/ }).click();
    const summary = page.getByRole("alert", { name: /fields need your attention before the order can be placed:/ });
    // One alert with words (Next's route announcer is an empty one).
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(1);
    await checkSummary(
      page,
      summary,
      page.getByLabel("E-mail", { exact: true }),
      page.locator("#email-error"),
      `/checkout, refused (${size})`,
    );
    // Keyboard: the first link leads to its field.
    await page.keyboard.press("Tab");
    await expect(summary.getByRole("link").first()).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("E-mail", { exact: true })).toBeFocused();
  });

  test(`sign-up and password change name their problems the same way (${size})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto("/signup");
    await page.getByLabel("E-mail").fill("not-an-email");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    const signup = page.getByRole("alert", { name: "2 fields need your attention:" });
    await expect(signup.getByRole("link")).toHaveText(["E-mail", "Password"]);
    await checkSummary(
      page,
      signup,
      page.getByLabel("E-mail"),
      page.locator("#password-error"),
      `/signup, refused (${size})`,
    );

    await signUp(page, uniqueEmail("summary"));
    await page.goto("/account");
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("password1");
    await page.getByRole("button", { name: "Change password" }).click();
    const password = page.getByRole("alert", { name: "2 fields need your attention:" });
    await expect(password.getByRole("link")).toHaveText(["Current password", "New password"]);
    await checkSummary(
      page,
      password,
      page.getByLabel("Current password"),
      page.locator("#currentPassword-error"),
      `/account, password refused (${size})`,
    );
    await password.getByRole("link", { name: "New password" }).click();
    await expect(page.getByLabel("New password")).toBeFocused();
  });
}
