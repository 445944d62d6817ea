import { execFileSync } from "node:child_process";
import { expect, test, type APIResponse, type Browser, type Page } from "@playwright/test";
import { analyzeAtBothSizes } from "./axe";
import { E2E_DATABASE_URL, leaveIdle } from "./database";
import { addFromProductPage, uniqueEmail } from "./helpers";

// "E-mail me my cart" is for finishing later: the link restores the e-mailed cart in another
// browser for EMAILED_CART_DAYS (7), also after the shopper left it idle past the guest session's
// two hours and the sweep deleted the session's cart; not after the shopper ended the session.

const cartLines = (page: Page) => page.getByRole("list", { name: "Cart items" }).getByRole("listitem");

/** A guest e-mails a cart of a vase and a notebook; the restore link from the outbox. */
async function emailTheCart(page: Page): Promise<string> {
  await addFromProductPage(page, "stoneware-vase", 2);
  await addFromProductPage(page, "dot-grid-notebook");
  await page.goto("/cart");
  await expect(page.getByText(/It works once, for 7 days, also if you leave the shop meanwhile/)).toBeVisible();
  await page.getByLabel("Your e-mail").fill(uniqueEmail("emailed-cart"));
  await page.getByRole("button", { name: "Send me my cart" }).click();
  await page.getByRole("link", { name: "Open the outbox" }).click();
  const message = page.getByRole("article", { name: "Your Passerby cart" });
  await expect(message).toContainText(/It works once, for 7 days, until\s+\w+day, \d+ \w+ \d{4} at \d\d:\d\d UTC/);
  await expect(message).toContainText("or end your guest session yourself");
  return (await message.getByRole("link", { name: "Open the link" }).getAttribute("href"))!;
}

/** The operator's sweep, now (`npm run sessions:cleanup`), on the e2e server's database. */
function sweep() {
  execFileSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/run/sessions-cleanup.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-0001",
    },
    stdio: "pipe",
  });
}

const anotherBrowser = async (browser: Browser) => (await browser.newContext()).newPage();

test("an e-mailed cart left idle past the session's two hours, and swept, still opens in another browser", async ({
  page,
  browser,
}) => {
  const link = await emailTheCart(page);
  const sessionId = (await (await page.request.get("/api/session")).json()).anonymousSession.sessionId as string;
  await leaveIdle(3, `"id" = ?`, sessionId);
  sweep();
  await page.goto("/cart");
  await expect(page.getByText("Your cart is empty.")).toBeVisible(); // the session and its cart are gone

  const there = await anotherBrowser(browser);
  await there.goto(link);
  await expect(there.getByRole("list", { name: "Items in the e-mailed cart" })).toContainText("Stoneware Vase");
  await expect(there.getByText(/The link works once, within 7 days of the e-mail/)).toBeVisible();
  expect(await analyzeAtBothSizes(there, "restore page after idle")).toEqual([]);
  await there.getByRole("button", { name: "Add to my cart" }).click();
  await expect(there).toHaveURL(/\/cart$/);
  await expect(there.getByRole("status")).toHaveText(
    "Your e-mailed cart is here: 3 items were added to this browser's cart.",
  );
  await expect(cartLines(there)).toHaveCount(2);
  await there.context().close();
});

test("a cart whose guest session the shopper ended says its link no longer works, and why", async ({
  page,
  browser,
}) => {
  const link = await emailTheCart(page);
  await page.goto("/session");
  await page.getByRole("button", { name: "End this guest session" }).click();
  await page.getByRole("button", { name: "Yes, end it" }).click();
  await expect(page.getByRole("button", { name: "End this guest session" })).toHaveCount(0);

  const there = await anotherBrowser(browser);
  await there.goto(link);
  await expect(there.getByRole("status")).toContainText(
    "This cart link no longer works: e-mailed carts are kept for 7 days, and this one has passed that, or the cart moved on",
  );
  await expect(there.getByRole("button", { name: "Add to my cart" })).toHaveCount(0);
  expect(await analyzeAtBothSizes(there, "restore page, ended")).toEqual([]);
  await there.context().close();
});

test("over the API: the restore link previews (starting nothing), adds once, and names each refusal", async ({
  playwright,
  baseURL,
}) => {
  const shopper = await playwright.request.newContext({ baseURL });
  await shopper.post("/api/cart/items", { data: { slug: "stoneware-vase", quantity: 2 } });
  await shopper.post("/api/cart/items", { data: { slug: "dot-grid-notebook" } });
  const sent = await shopper.post("/api/cart/email", { data: { email: uniqueEmail("api-restore") } });
  expect(sent.status()).toBe(202);
  const { messages } = await (await shopper.get("/api/outbox")).json();
  const token = (messages[0].links[0] as string).split("/").pop()!;
  const link = `/api/cart/restore/${token}`;
  const refusal = async (answer: APIResponse) => [answer.status(), (await answer.json()).error.code];

  const elsewhere = await playwright.request.newContext({ baseURL });
  const preview = await elsewhere.get(link);
  expect(preview.status()).toBe(200);
  expect(await preview.json()).toEqual({
    items: [
      { name: "Stoneware Vase", quantity: 2, available: true },
      { name: "Dot Grid Notebook", quantity: 1, available: true },
    ],
  });
  expect((await elsewhere.storageState()).cookies).toEqual([]); // a preview starts no session
  expect(await refusal(await shopper.get(link))).toEqual([409, "link_same_browser"]);
  expect(await refusal(await elsewhere.get(`/api/cart/restore/${"x".repeat(43)}`))).toEqual([404, "link_unknown"]);

  const restored = await elsewhere.post(link);
  expect(restored.status()).toBe(200);
  expect(await restored.json()).toEqual({ added: 3, unavailable: 0, message: "3 items were added to this cart." });
  const cart = await (await elsewhere.get("/api/cart")).json();
  expect(cart.items.map((i: { slug: string; quantity: number }) => `${i.slug} × ${i.quantity}`)).toEqual([
    "stoneware-vase × 2",
    "dot-grid-notebook × 1",
  ]);
  expect(await refusal(await elsewhere.post(link))).toEqual([410, "link_used"]);
  expect(await refusal(await elsewhere.get(link))).toEqual([410, "link_used"]);
  await Promise.all([shopper.dispose(), elsewhere.dispose()]);
});
