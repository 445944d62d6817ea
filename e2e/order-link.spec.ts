import crypto from "node:crypto";
import fs from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { analyzeAtBothSizes } from "./axe";
import { leaveIdle } from "./database";
import { addFromProductPage, fillCheckout, uniqueEmail } from "./helpers";

// The link in an order confirmation e-mail, opened where e-mails get opened: another browser (a
// fresh context), after the buyer's guest session went idle, or after it ran out. It shows that
// one order, read-only and partly masked, and logs no one in; a bad link says what to do.

/** A guest buys a candle; the order's id and the link its confirmation e-mail carries. */
async function buyAndReadTheEmail(page: Page): Promise<{ orderId: string; number: string; link: string }> {
  await addFromProductPage(page, "soy-candle");
  await page.goto("/checkout");
  await fillCheckout(page, uniqueEmail("order-link"), "4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Place order/ }).click();
  await expect(page).toHaveURL(/\/orders\/ord_[\w-]+$/);
  const orderId = new URL(page.url()).pathname.split("/").at(-1)!;
  const number = (await page.getByText(/Order number [0-9A-Z]{4}-[0-9A-Z]{4}/).textContent())!.match(
    /Order number ([0-9A-Z]{4}-[0-9A-Z]{4})/,
  )![1]!;
  await page.goto("/outbox");
  const message = page.getByRole("article", { name: `Your Passerby order ${number}` });
  await expect(message).toContainText(/See the order in any browser until \w+day, \d+ \w+ \d{4} at \d\d:\d\d UTC/);
  const link = await message.getByRole("link", { name: "Open the link" }).getAttribute("href");
  expect(link).toMatch(/\/orders\/link\/ord_[\w-]+\.[0-9a-z]+\.[\w-]{43}$/);
  return { orderId, number, link: link! };
}

/** Another browser: its own cookies, and a shopper in New York. */
const anotherBrowser = (browser: Browser) => browser.newContext({ timezoneId: "America/New_York" });

test("the e-mail's order link opens the order in another browser, read-only, and logs no one in", async ({
  page,
  browser,
}) => {
  const { orderId, number, link } = await buyAndReadTheEmail(page);
  const other = await anotherBrowser(browser);
  const there = await other.newPage();
  await there.goto(link);
  await expect(there.getByRole("heading", { level: 1, name: "Your order" })).toBeVisible();
  await expect(there.getByRole("list", { name: "Order items" })).toHaveText("Cedar Soy Candle × 1$22.00");
  await expect(there.getByText("Total paid")).toBeVisible();
  await expect(there.getByText("Ada L., London, United Kingdom")).toBeVisible();
  await expect(there.getByText("The street and postal code are not shown on a link.")).toBeVisible();
  await expect(there.getByText("1 Analytical Way")).toHaveCount(0);
  await expect(there.getByText(number)).toBeVisible(); // the short number, never the id
  await expect(there.getByText(orderId)).toHaveCount(0);
  // Times in the shopper's own zone, named.
  await expect(there.getByText(/read-only, until .+ (EST|GMT-5)\./)).toBeVisible();
  expect(await analyzeAtBothSizes(there, "order link")).toEqual([]);

  // Nobody is logged in there, and no order of anyone's is this browser's.
  expect((await (await other.request.get("/api/orders")).json()).orders).toEqual([]);
  await there.goto(`/orders/${orderId}`);
  await expect(there.getByRole("heading", { name: "We couldn’t show that order" })).toBeVisible();

  const json = await other.request.get(`/api/orders/by-link/${link.split("/").at(-1)}`);
  expect(json.status()).toBe(200);
  expect((await json.json()).order).toMatchObject({
    id: orderId,
    number,
    status: "paid",
    shipping: { name: "Ada L.", city: "London", country: "United Kingdom" },
    items: [{ name: "Cedar Soy Candle", quantity: 1 }],
  });
  await other.close();
});

test("after two idle hours the order page is a 404 about orders, and the e-mail's link still opens the order", async ({
  page,
  browser,
}) => {
  const { orderId, link } = await buyAndReadTheEmail(page);
  await leaveIdle(3, `"id" = (SELECT "guestSessionId" FROM "Order" WHERE "id" = ?)`, orderId);

  await page.goto(`/orders/${orderId}`);
  await expect(page.getByRole("heading", { name: "We couldn’t show that order" })).toBeVisible();
  await expect(
    page.getByText(/The link in your order confirmation e-mail shows the order in any browser/),
  ).toBeVisible();
  await expect(page.getByText("The product may have been renamed or removed")).toHaveCount(0);
  expect(await analyzeAtBothSizes(page, "order 404")).toEqual([]);

  await page.goto(link);
  await expect(page.getByRole("list", { name: "Order items" })).toContainText("Cedar Soy Candle × 1");
  const other = await anotherBrowser(browser);
  const there = await other.newPage();
  await there.goto(link);
  await expect(there.getByRole("list", { name: "Order items" })).toContainText("Cedar Soy Candle × 1");
  await other.close();
});

// The e2e server's secret (playwright.config.ts): the test signs a link that ran out yesterday,
// as the shop would have signed it.
const E2E_SECRET = "e2e-secret-e2e-secret-e2e-secret-e2e-0001";
function expiredToken(orderId: string): string {
  const key = crypto.createHmac("sha256", E2E_SECRET).update("passerby order link v1").digest();
  const expiry = Math.floor((Date.now() - 86_400_000) / 1000).toString(36);
  return `${orderId}.${expiry}.${crypto.createHmac("sha256", key).update(`${orderId}.${expiry}`).digest("base64url")}`;
}

test("an expired or altered order link shows no order, says what happened and how to reach the order", async ({
  page,
  browser,
}) => {
  const { orderId, link } = await buyAndReadTheEmail(page);
  const token = link.split("/").at(-1)!;
  const other = await anotherBrowser(browser);
  const there = await other.newPage();

  await there.goto(`/orders/link/${expiredToken(orderId)}`);
  await expect(there.getByRole("heading", { level: 1, name: "This order link has expired" })).toBeVisible();
  await expect(there.getByText(/sign up or log in with the e-mail address you ordered with/)).toBeVisible();
  await expect(there.getByRole("link", { name: "Log in" }).last()).toBeVisible();
  await expect(there.getByRole("list", { name: "Order items" })).toHaveCount(0);
  expect(await analyzeAtBothSizes(there, "order link, expired")).toEqual([]);

  const altered = token.replace(/\.([0-9a-z]+)\./, (_, e: string) => `.${(parseInt(e, 36) + 86_400).toString(36)}.`);
  await there.goto(`/orders/link/${altered}`);
  await expect(there.getByRole("heading", { level: 1, name: "This order link doesn’t work" })).toBeVisible();
  await expect(there.getByText(/Open it again from the confirmation e-mail/)).toBeVisible();
  expect(await analyzeAtBothSizes(there, "order link, invalid")).toEqual([]);

  const expired = await other.request.get(`/api/orders/by-link/${expiredToken(orderId)}`);
  expect(expired.status()).toBe(410);
  expect((await expired.json()).error).toMatchObject({ code: "link_expired", message: /has expired/ });
  const forged = await other.request.get(`/api/orders/by-link/${altered}`);
  expect(forged.status()).toBe(404);
  expect((await forged.json()).error).toMatchObject({ code: "not_found", message: /not valid/ });
  await other.close();

  // Each refusal is in the security log, the order named when the link was really ours, never the token.
  const log = fs.readFileSync(".e2e-data/security.log", "utf8");
  const refusals = log.split("\n").filter((l) => l.includes('"order_link.refused"'));
  expect(refusals.some((l) => l.includes('"reason":"expired"') && l.includes(orderId))).toBe(true);
  expect(refusals.some((l) => l.includes('"reason":"invalid"'))).toBe(true);
  expect(log).not.toContain(token.split(".").at(-1));
});
