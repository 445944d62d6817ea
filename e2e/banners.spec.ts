import { expect, test } from "@playwright/test";
import { ADMIN, logIn, signUp, uniqueEmail } from "./helpers";

// Banners that say what an action did ("Session … is ended", "Your account is deleted", "2 guest
// orders are now attached") come from a flash the action set (lib/server/flash.ts), never from
// the address: a crafted link shows none of them.

test("a crafted /account/deleted link tells no visitor their account is deleted", async ({ page, baseURL }) => {
  for (const query of ["", "?sessions=5&cards=2&saved=1&orders=3", "?sessions=0"]) {
    const response = await page.goto(`/account/deleted${query}`);
    expect(response!.status(), query).toBe(200);
    await expect(page, query).toHaveURL(`${baseURL}/`);
    await expect(page.getByText("Your account is deleted")).toHaveCount(0);
    await expect(page.getByRole("list", { name: "What was removed" })).toHaveCount(0);
  }
  // Nor does a flash cookie the visitor wrote themselves (or a sibling host planted): it is signed.
  const forged = Buffer.from(
    JSON.stringify({ kind: "account_deleted", sessions: 5, cards: 2, saved: 1, orders: 3 }),
  ).toString("base64url");
  for (const value of [forged, `${forged}.bm90LWEtc2lnbmF0dXJl`]) {
    await page.context().addCookies([{ name: "passerby_flash", value, url: baseURL! }]);
    await page.goto("/account/deleted");
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByText("Your account is deleted")).toHaveCount(0);
  }
});

test("a crafted ?ended= shows the administrator no 'Session … is ended'", async ({ page }) => {
  await logIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
  for (const ended of ["0123456789abcdef01234567", "Attacker's text. Call +1 555 0100 now", "<b>x</b>"]) {
    await page.goto(`/admin/sessions?${new URLSearchParams({ ended })}`);
    await expect(page.getByRole("heading", { name: "Sessions" })).toBeVisible();
    await expect(page.getByText(/is ended/)).toHaveCount(0);
    await expect(page.getByRole("status")).toHaveCount(0);
  }
});

test("a crafted ?claimed= tells a member no orders were attached", async ({ page }) => {
  await signUp(page, uniqueEmail("crafted"));
  for (const claimed of ["0", "2", "1000"]) {
    await page.goto(`/account?claimed=${claimed}`);
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await expect(page.getByText(/now attached to your account|nothing was attached/)).toHaveCount(0);
  }
});

test("a crafted /login?loggedOut=1 or ?ended=1 says nothing; logging out says so", async ({ page }) => {
  for (const query of ["?loggedOut=1", "?ended=1"]) {
    await page.goto(`/login${query}`);
    await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
    await expect(page.getByText(/You are logged out|You ended the session/)).toHaveCount(0);
  }
  await signUp(page, uniqueEmail("logout-flash"));
  await page.goto("/account");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("status").filter({ hasText: "You are logged out." })).toBeVisible();
});
