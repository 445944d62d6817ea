import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, addFromProductPage, logIn, PASSWORD, uniqueEmail } from "./helpers";

// The administrator's session control: find a session by the hash the security log names it
// by, or by an account's e-mail, see its state and history, and end it.

const LOG_FILE = path.join(".e2e-data", "security.log");

async function logInAsAdmin(page: Page) {
  await logIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/admin$/);
}

async function lookUp(page: Page, query: string) {
  await page.goto("/admin/sessions");
  await page.getByLabel("Session hash or account e-mail").fill(query);
  await page.getByRole("button", { name: "Look up" }).click();
}

const results = (page: Page) => page.getByRole("list", { name: "Sessions found" });
const found = (page: Page) => results(page).locator(":scope > li");

test("the admin finds a guest's session by the hash in the security log, sees what it did, and ends it", async ({
  page,
  browser,
}) => {
  const shopper = await browser.newContext();
  const guest = await shopper.newPage();
  const before = fs.existsSync(LOG_FILE) ? fs.readFileSync(LOG_FILE, "utf8").length : 0;
  await addFromProductPage(guest, "soy-candle");
  // The guest's session, as the security log names it (tests run one at a time).
  const created = fs
    .readFileSync(LOG_FILE, "utf8")
    .slice(before)
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((l) => l.event === "session.created" && l.type === "anonymous");
  expect(created).toHaveLength(1);
  const hash: string = created[0].session;

  await logInAsAdmin(page);
  await lookUp(page, hash);
  await expect(found(page)).toHaveCount(1);
  await expect(found(page)).toContainText("Guest session · active");
  await page.getByText(/^History/).click();
  await expect(page.getByRole("list", { name: "What this session did" })).toContainText("cart add");

  await page.getByRole("button", { name: `End this session (${hash})` }).click();
  await expect(page.getByRole("status")).toContainText(`Session ${hash} is ended.`);
  await expect(found(page)).toContainText("Guest session · revoked");
  await expect(page.getByRole("button", { name: /End this session/ })).toHaveCount(0);

  // The guest's next request finds no session: the cart it had is out of reach.
  await guest.goto("/cart");
  await expect(guest.getByText("Your cart is empty")).toBeVisible();
  await shopper.close();
});

test("the admin lists a member's sessions by e-mail and ends one; others cannot reach the lookup", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const address = uniqueEmail("watched");
  const memberApi = await playwright.request.newContext({ baseURL });
  expect((await memberApi.post("/api/auth/signup", { data: { email: address, password: PASSWORD } })).status()).toBe(
    201,
  );

  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/admin/sessions");
  await expect(strangerPage).toHaveURL(/\/login$/);
  expect((await memberApi.get(`/api/admin/sessions?q=${encodeURIComponent(address)}`)).status()).toBe(403);
  await stranger.close();

  await logInAsAdmin(page);
  await lookUp(page, address);
  await expect(found(page)).toHaveCount(1);
  await expect(found(page)).toContainText(`Member session of ${address} · active`);
  await page.getByRole("button", { name: /End this session/ }).click();
  await expect(found(page)).toContainText(`Member session of ${address} · revoked`);
  expect((await memberApi.get("/api/session")).status()).toBe(401);

  await lookUp(page, "not a hash");
  await expect(page.locator("#q-error")).toHaveText(
    "Look up a session by the 24-character hash from the security log, or an account's e-mail.",
  );
  await memberApi.dispose();
});

test("the admin API looks sessions up and ends them by hash", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  expect((await admin.post("/api/auth/login", { data: ADMIN })).status()).toBe(200);
  const member = await playwright.request.newContext({ baseURL });
  const address = uniqueEmail("api-watched");
  await member.post("/api/auth/signup", { data: { email: address, password: PASSWORD } });

  const listed = await admin.get(`/api/admin/sessions?q=${encodeURIComponent(address)}`);
  expect(listed.status()).toBe(200);
  const [session] = (await listed.json()).sessions;
  expect(session).toMatchObject({ kind: "member", status: "active", email: address });
  expect(session.hash).toMatch(/^[0-9a-f]{24}$/);

  const ended = await admin.delete(`/api/admin/sessions/${session.hash}`);
  expect(await ended.json()).toEqual({ ended: true, kind: "member" });
  expect((await member.get("/api/session")).status()).toBe(401);
  const again = await admin.delete(`/api/admin/sessions/${session.hash}`);
  expect(again.status()).toBe(404);
  expect((await admin.get("/api/admin/sessions?q=nonsense")).status()).toBe(422);
  await admin.dispose();
  await member.dispose();
});
