import { expect, test, type Browser, type Page } from "@playwright/test";
import { logIn, PASSWORD, signUp, uniqueEmail } from "./helpers";

// A member's sessions, password and account, in the browser and over the API: where they are
// signed in, ending a session elsewhere, a password change that logs out every other device,
// and deleting the account.

const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const NEW_PASSWORD = "plum tractor velvet harbour";

/** The same account signed in on a second device (Firefox on Windows). */
async function secondDevice(browser: Browser, address: string) {
  const context = await browser.newContext({ userAgent: FIREFOX_ON_WINDOWS });
  const page = await context.newPage();
  await logIn(page, address);
  await expect(page).toHaveURL(/\/account/);
  return page;
}

const sessionsList = (page: Page) => page.getByRole("list", { name: "Your sessions" }).getByRole("listitem");

test("a member sees where they are signed in and ends the other device's session, which is logged out at once", async ({
  page,
  browser,
}) => {
  const address = uniqueEmail("devices");
  await signUp(page, address);
  const other = await secondDevice(browser, address);

  await page.goto("/account");
  await expect(sessionsList(page)).toHaveCount(2);
  await expect(sessionsList(page).filter({ hasText: "This device" })).toHaveCount(1);
  await expect(sessionsList(page).filter({ hasText: "Firefox on Windows" })).toHaveCount(1);

  await page.getByRole("button", { name: "End the session on Firefox on Windows" }).click();
  await expect(page.getByText("That session has ended")).toBeVisible();
  await expect(sessionsList(page)).toHaveCount(1);

  await other.goto("/account");
  await expect(other).toHaveURL(/\/login$/);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await other.context().close();
});

test("changing the password needs the current one and logs every other device out", async ({ page, browser }) => {
  const address = uniqueEmail("password");
  await signUp(page, address);
  const other = await secondDevice(browser, address);

  await page.goto("/account");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#currentPassword-error")).toHaveText(
    "That is not your current password, so nothing was changed.",
  );

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Your password is changed. 1 other session ended." }),
  ).toBeVisible();

  await other.goto("/account");
  await expect(other).toHaveURL(/\/login$/);
  await logIn(other, address);
  await expect(other.getByText("The e-mail or password is not right.")).toBeVisible();
  await logIn(other, address, NEW_PASSWORD);
  await expect(other).toHaveURL(/\/account/);
  await other.context().close();
});

const WRONG_CURRENT = "That is not your current password, so nothing was changed.";
const TOO_COMMON = "That password is too common; choose something harder to guess.";

/** Sends the password form with a wrong current password and a weak new one, and reads both answers beside their fields. */
async function wrongAndWeak(page: Page) {
  await page.goto("/account");
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password").fill("password123");
  await page.getByRole("button", { name: "Change password" }).click();
  const current = page.getByLabel("Current password");
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(current).toHaveAccessibleDescription(WRONG_CURRENT);
  const fresh = page.getByLabel("New password");
  await expect(fresh).toHaveAttribute("aria-invalid", "true");
  await expect(fresh).toHaveAccessibleDescription(new RegExp(`^${TOO_COMMON.replace(/[.;]/g, "\\$&")}`));
}

test("a wrong current password and a weak new one are named together, each beside its field, with and without JavaScript", async ({
  page,
  browser,
}) => {
  const address = uniqueEmail("both-wrong");
  await signUp(page, address);
  await wrongAndWeak(page);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await context.newPage();
  await logIn(noScript, address);
  await expect(noScript).toHaveURL(/\/account/);
  await wrongAndWeak(noScript);
  await context.close();

  // Nothing changed: the password still logs in.
  await page.getByRole("button", { name: "Log out" }).click();
  await logIn(page, address);
  await expect(page).toHaveURL(/\/account/);
});

test("deleting the account asks first, needs the password, logs out everywhere and keeps nothing to log in with", async ({
  page,
  browser,
}) => {
  const address = uniqueEmail("leaving");
  await signUp(page, address);
  const other = await secondDevice(browser, address);

  await page.goto("/account");
  const deletion = page.getByRole("region", { name: "Delete my account" });
  await expect(deletion.getByRole("button", { name: "Delete my account for good" })).toBeHidden();
  await deletion.getByText("Delete my account…").click();
  await deletion.getByLabel("Account password").fill("wrong password here");
  await page.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page.locator("#delete-password-error")).toHaveText(
    "That password is not right, so your account was not deleted.",
  );

  await deletion.getByLabel("Account password").fill(PASSWORD);
  await page.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page).toHaveURL(/\/account\/deleted$/); // the counts travel in a flash, not the address
  await expect(page.getByRole("heading", { name: "Your account is deleted" })).toBeVisible();
  await expect(page.getByRole("list", { name: "What was removed" })).toContainText("2 signed-in sessions ended");

  await other.goto("/account");
  await expect(other).toHaveURL(/\/login$/);
  await logIn(page, address);
  await expect(page.getByText("The e-mail or password is not right.")).toBeVisible();
  await other.context().close();
});

test("the sessions API lists by public handle, ends one or all others, and is for members only", async ({
  playwright,
  baseURL,
}) => {
  const address = uniqueEmail("api-sessions");
  const here = await playwright.request.newContext({ baseURL });
  const there = await playwright.request.newContext({ baseURL, userAgent: FIREFOX_ON_WINDOWS });
  const third = await playwright.request.newContext({ baseURL });
  expect((await here.post("/api/auth/signup", { data: { email: address, password: PASSWORD } })).status()).toBe(201);
  for (const device of [there, third]) {
    expect((await device.post("/api/auth/login", { data: { email: address, password: PASSWORD } })).status()).toBe(200);
  }

  const listed = await here.get("/api/account/sessions");
  expect(listed.status()).toBe(200);
  const { sessions } = await listed.json();
  expect(sessions).toHaveLength(3);
  const mine = (await (await here.get("/api/session")).json()).authenticatedSession;
  expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  for (const s of sessions) expect(s.id).not.toBe(mine.sessionId);
  const firefox = sessions.find((s: { device: string }) => s.device === "Firefox on Windows");
  expect(firefox).toBeTruthy();

  const ended = await here.delete(`/api/account/sessions/${firefox.id}`);
  expect(ended.status()).toBe(200);
  expect(await ended.json()).toEqual({ ended: true, current: false });
  expect((await there.get("/api/session")).status()).toBe(401);
  expect((await here.delete(`/api/account/sessions/${firefox.id}`)).status()).toBe(404);

  const others = await here.post("/api/account/sessions/end-others");
  expect(await others.json()).toEqual({ ended: 1 });
  expect((await third.get("/api/session")).status()).toBe(401);
  expect((await here.get("/api/session")).status()).toBe(200);

  const guest = await playwright.request.newContext({ baseURL });
  await guest.post("/api/session");
  const refused = await guest.get("/api/account/sessions");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
  for (const context of [here, there, third, guest]) await context.dispose();
});

test("the account API changes the password and deletes the account, each with the password asked again", async ({
  playwright,
  baseURL,
}) => {
  const address = uniqueEmail("api-account");
  const here = await playwright.request.newContext({ baseURL });
  expect((await here.post("/api/auth/signup", { data: { email: address, password: PASSWORD } })).status()).toBe(201);

  const weak = await here.post("/api/account/password", {
    data: { currentPassword: PASSWORD, newPassword: "password123" },
  });
  expect(weak.status()).toBe(422);
  // A wrong current password and a weak new one: one answer names both, field by field.
  const both = await here.post("/api/account/password", {
    data: { currentPassword: "not my password", newPassword: "password123" },
  });
  expect(both.status()).toBe(401);
  expect((await both.json()).error).toEqual({
    code: "invalid_password",
    message: `${WRONG_CURRENT} ${TOO_COMMON}`,
    fields: { currentPassword: WRONG_CURRENT, newPassword: TOO_COMMON },
  });
  // A copy of this client's cookie taken before the change (as a thief would hold it).
  const copy = await playwright.request.newContext({ baseURL, storageState: await here.storageState() });
  const before = (await (await here.get("/api/session")).json()).authenticatedSession.sessionId;
  const changed = await here.post("/api/account/password", {
    data: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
  });
  expect(changed.status()).toBe(200);
  expect(await changed.json()).toEqual({ changed: true, endedSessions: 0 });
  // The changing client goes on signed in, under a new session id; the copy is refused.
  const after = await here.get("/api/session");
  expect(after.status()).toBe(200);
  expect((await after.json()).authenticatedSession.sessionId).not.toBe(before);
  const replayed = await copy.get("/api/session");
  expect(replayed.status()).toBe(401);
  expect((await replayed.json()).error.code).toBe("no_session");
  await copy.dispose();

  const wrong = await here.delete("/api/account", { data: { password: PASSWORD } });
  expect(wrong.status()).toBe(401);
  expect((await wrong.json()).error.code).toBe("invalid_password");
  const deleted = await here.delete("/api/account", { data: { password: NEW_PASSWORD } });
  expect(deleted.status()).toBe(200);
  const body = await deleted.json();
  expect(body).toMatchObject({ deleted: true, email: address, removed: { sessions: 1 }, ordersAnonymised: 0 });
  expect((await here.get("/api/session")).status()).toBe(401);
  const again = await playwright.request.newContext({ baseURL });
  expect((await again.post("/api/auth/login", { data: { email: address, password: NEW_PASSWORD } })).status()).toBe(
    401,
  );
  await here.dispose();
  await again.dispose();
});
