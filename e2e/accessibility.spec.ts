import { expect, test, type Page } from "@playwright/test";
import { analyze, SIZES } from "./axe";
import { addFromProductPage, ADMIN, fillCheckout, logIn, signUp, uniqueEmail } from "./helpers";

// axe-core (WCAG 2.1 A and AA rules) on every page, as a guest, a member and the administrator,
// at a phone's size and a desktop's: no violation anywhere.

async function violations(page: Page, path: string): Promise<string[]> {
  await page.goto(path);
  await expect(page.getByTestId("cart-count")).toBeVisible(); // the header's personal corner is filled in by script
  return analyze(page, path);
}

for (const size of SIZES) {
  test(`axe finds nothing on any page at ${size.name} size`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    const found: string[] = [];
    const check = async (...paths: string[]) => {
      for (const path of paths) found.push(...(await violations(page, path)));
    };

    // A visitor with nothing yet, then a guest with a cart.
    await check(
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
      "/no-such-page",
    );
    await addFromProductPage(page, "brass-pen");
    await addFromProductPage(page, "soy-candle", 2);
    await check("/cart", "/checkout", "/session");
    // The failed checkout: the error summary, the fields' messages, the focus moved.
    await page.goto("/checkout");
    await page.getByRole("button", { name: /^Place order/ }).click();
    await expect(page.getByRole("alert", { name: /fields need your attention/ })).toBeFocused();
    found.push(...(await analyze(page, "/checkout, refused")));
    await fillCheckout(page, uniqueEmail("axe"), "4000 0000 0000 0002");
    await page.getByRole("button", { name: /^Place order/ }).click();
    await expect(page.getByRole("alert").filter({ hasText: /declined/i })).toBeVisible();
    found.push(...(await analyze(page, "/checkout, declined")));
    await page.goto("/checkout");
    await fillCheckout(page, uniqueEmail("axe"), "4242 4242 4242 4242");
    await page.getByRole("button", { name: /^Place order/ }).click();
    await expect(page).toHaveURL(/\/orders\/ord_/);
    await check(new URL(page.url()).pathname, "/outbox");

    // A member, with a cart.
    await signUp(page, uniqueEmail("axe-member"));
    await addFromProductPage(page, "washi-tape-set");
    await check("/account", "/cart", "/checkout", "/deals", "/session");

    // The administrator.
    await page.context().clearCookies();
    await logIn(page, ADMIN.email, ADMIN.password);
    await expect(page).toHaveURL(/\/admin$/);
    await check("/admin", "/account");

    expect(found, found.join("\n")).toEqual([]);
  });
}
