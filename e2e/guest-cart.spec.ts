import { expect, test, type Page } from "@playwright/test";
import { must } from "../scripts/must";
import { addFromProductPage } from "./helpers";

const cartCount = (page: Page) => page.getByTestId("cart-count");

test("a guest fills a cart, changes it, switches currency and keeps it across a reload", async ({ page, context }) => {
  await page.goto("/");
  expect(await context.cookies()).toEqual([]);
  await expect(cartCount(page)).toHaveText("0");

  await addFromProductPage(page, "morning-blend", 2);
  await expect(cartCount(page)).toHaveText("2");
  const cookie = must((await context.cookies())[0], "a session cookie");
  expect(cookie).toMatchObject({ name: "passerby_session", httpOnly: true, sameSite: "Lax" });
  expect(cookie.value).not.toContain("guest_");

  await addFromProductPage(page, "brass-pen");
  await expect(cartCount(page)).toHaveText("3");

  await page.getByRole("link", { name: /Cart/ }).click();
  await expect(page.getByRole("heading", { name: "Your cart" })).toBeVisible();
  const lines = page.getByRole("list", { name: "Cart items" }).getByRole("listitem");
  await expect(lines).toHaveCount(2);
  await expect(page.getByText("$67.00")).toBeVisible(); // 2 × 14.50 + 38.00

  const coffee = lines.filter({ hasText: "Morning Blend Coffee" });
  // Choosing a quantity applies it: there is no button to forget.
  await coffee.getByRole("spinbutton", { name: "Quantity of Morning Blend Coffee" }).fill("3");
  await coffee.getByRole("spinbutton", { name: "Quantity of Morning Blend Coffee" }).press("Enter");
  await expect(coffee.getByRole("button", { name: "Update" })).toHaveCount(0);
  await expect(coffee.getByText("Quantity updated.")).toBeVisible();
  await expect(coffee.getByTestId("line-total")).toHaveText("$43.50");
  await expect(cartCount(page)).toHaveText("4");

  await lines
    .filter({ hasText: "Brass Ballpoint Pen" })
    .getByRole("button", { name: "Remove Brass Ballpoint Pen" })
    .click();
  await expect(lines).toHaveCount(1);
  await expect(cartCount(page)).toHaveText("3");

  // Choosing in the list changes nothing until asked; the focus stays on the button.
  await page.getByLabel("Currency").selectOption("EUR");
  await expect(coffee.getByTestId("line-total")).not.toHaveText(/€/);
  const set = page.getByRole("button", { name: "Set", exact: true });
  await set.click();
  await expect(coffee.getByTestId("line-total")).toHaveText("€40.02"); // 3 × €13.34
  await expect(set).toBeFocused();
  await page.goto("/products/chef-knife");
  await expect(page.getByText("€81.88")).toBeVisible();

  await page.goto("/cart");
  await page.reload();
  await expect(lines).toHaveCount(1);
  await expect(cartCount(page)).toHaveText("3");
  await expect(page.getByLabel("Currency")).toHaveValue("EUR");
});

test("the session cookie is not readable by page scripts", async ({ page }) => {
  await addFromProductPage(page, "soy-candle");
  expect(await page.evaluate(() => document.cookie)).not.toContain("passerby_session");
});

test("asking for more than the stock shows a clear message and changes nothing", async ({ page }) => {
  await addFromProductPage(page, "desk-planner", 3); // the whole stock
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Only 3 of Weekly Desk Planner are in stock.")).toBeVisible();
  await expect(cartCount(page)).toHaveText("3");
});

test("the session inspector shows the session, its permissions and a live countdown", async ({ page }) => {
  await page.goto("/session");
  await expect(page.getByRole("heading", { name: "You have no session" })).toBeVisible();
  await expect(page.getByText("Browsing alone creates none")).toBeVisible();

  await addFromProductPage(page, "washi-tape-set", 2);
  await page.getByRole("link", { name: "Your session" }).click();
  await expect(page.getByRole("heading", { name: "You have a guest session" })).toBeVisible();
  const json = JSON.parse((await page.getByLabel("Session as JSON").textContent())!);
  expect(json.anonymousSession).toMatchObject({
    type: "anonymous",
    permissions: ["view_content", "add_to_cart", "guest_checkout", "view_orders"],
    data: { cartItems: [{ quantity: 2 }], preferences: { currency: "USD" } },
  });
  expect(json.anonymousSession.sessionId).toMatch(/^guest_/);
  expect(["A", "B"]).toContain(json.anonymousSession.data.experiments.cta_copy);

  // Left unused, it ends sooner: GUEST_IDLE_TIMEOUT (2 hours) after the last request.
  const idleEnd = Date.parse(json.anonymousSession.idleExpiresAt);
  expect(Math.abs(idleEnd - (Date.now() + 7_200_000))).toBeLessThan(120_000);
  await expect(page.getByText("Left unused, it ends sooner: 2 hours after your last visit")).toBeVisible();
  await expect(page.getByTestId("idle-countdown")).toHaveText(/^1h 59m \d\ds$/);

  const countdown = page.getByTestId("countdown");
  await expect(countdown).toHaveText(/^23h 59m \d\ds$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first!, { timeout: 3000 });
  await expect(page.getByText("save_payment_method")).toBeVisible();

  // Ending asks first; keeping (or Escape) changes nothing and gives the focus back.
  await page.getByRole("button", { name: "End this guest session" }).click();
  const keep = page.getByRole("button", { name: "Keep my session" });
  await expect(keep).toBeFocused();
  await keep.click();
  await expect(page.getByRole("button", { name: "End this guest session" })).toBeFocused();
  await page.getByRole("button", { name: "End this guest session" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByText("save_payment_method")).toBeVisible();
  await page.getByRole("button", { name: "End this guest session" }).click();
  await page.getByRole("button", { name: "Yes, end it" }).click();
  await expect(page.getByRole("heading", { name: "You have no session" })).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("0");
});

test("the add-to-cart form works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/products/linen-apron");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  // The header's count is filled in by script; the cart itself needs none.
  await page.goto("/cart");
  await expect(page.getByRole("list", { name: "Cart items" }).getByRole("listitem")).toHaveCount(1);
  // Without JavaScript a quantity is applied by its Update button.
  await page.getByRole("spinbutton", { name: "Quantity of Linen Apron" }).fill("2");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByText("Quantity updated.")).toBeVisible();
  await expect(page.getByRole("spinbutton", { name: "Quantity of Linen Apron" })).toHaveValue("2");
  await page.getByRole("button", { name: "Remove Linen Apron" }).click();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  await context.close();
});

test("without JavaScript, the header links to the currency page, which says the currency and comes back to the same page in the new one", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/products/chef-knife");
  await expect(page.getByLabel("Currency", { exact: true })).toBeHidden(); // the script-filled switcher could not say which
  await page.getByRole("link", { name: "Currency", exact: true }).click();
  await expect(page.getByText("Prices show in USD.")).toBeVisible();
  await page.getByLabel("Show prices in").selectOption("EUR");
  await page.getByRole("button", { name: "Use this currency" }).click();
  await expect(page).toHaveURL(/\/products\/chef-knife$/);
  await expect(page.getByText("€81.88")).toBeVisible();
  await page.getByRole("link", { name: "Currency", exact: true }).click();
  await expect(page.getByText("Prices show in EUR.")).toBeVisible();
  await expect(page.getByLabel("Show prices in")).toHaveValue("EUR");
  await page.goto("/");
  await expect(page.getByText("€13.34")).toBeVisible(); // Morning Blend, on every catalog page
  await context.close();
});

test("adding says what is in the cart now and offers the way on, with the focus where the shopper is", async ({
  page,
}) => {
  await page.goto("/products/washi-tape-set");
  await page.getByLabel("Quantity").selectOption("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  const added = page.getByRole("region", { name: "Added to your cart" });
  await expect(added).toBeFocused();
  await expect(added).toContainText("Washi Tape Set × 2");
  await expect(added).toContainText("Subtotal (2 items): $18.00");
  await page.keyboard.press("Tab");
  await expect(added.getByRole("link", { name: "View cart" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(added).toBeHidden();
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeFocused();
  await page.keyboard.press("Enter"); // one more, by keyboard
  await expect(added).toContainText("Washi Tape Set × 2 · 4 in your cart");
  await added.getByRole("button", { name: "Keep shopping" }).click();
  await expect(added).toBeHidden();
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeFocused();

  // Again: the line now holds 3, and Checkout goes straight there.
  await page.getByLabel("Quantity").selectOption("1");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(added).toContainText("Washi Tape Set × 1 · 5 in your cart");
  await expect(added).toContainText("Subtotal (5 items): $45.00");
  await added.getByRole("link", { name: "Checkout" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByText("Washi Tape Set").first()).toBeVisible();
});

test("after Remove the focus goes to the next line, and Undo puts the line back", async ({ page }) => {
  await addFromProductPage(page, "brass-pen", 2);
  await addFromProductPage(page, "soy-candle");
  await page.goto("/cart");
  const lines = page.getByRole("list", { name: "Cart items" }).getByRole("listitem");
  await page.getByRole("button", { name: "Remove Brass Ballpoint Pen" }).click();
  await expect(lines).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: "Removed Brass Ballpoint Pen" })).toBeVisible();
  const candle = page.getByRole("listitem", { name: "Cedar Soy Candle" });
  await expect(candle).toBeFocused();
  await page.keyboard.press("Tab"); // into that line, not on to "Proceed to checkout"
  await expect(candle.getByRole("link", { name: "Cedar Soy Candle" })).toBeFocused();

  await page.getByRole("button", { name: "Undo: put Brass Ballpoint Pen back" }).click();
  await expect(lines).toHaveCount(2);
  const pen = page.getByRole("listitem", { name: "Brass Ballpoint Pen" });
  await expect(pen).toBeFocused();
  await expect(pen.getByRole("spinbutton", { name: "Quantity of Brass Ballpoint Pen" })).toHaveValue("2");
  await expect(page.getByText("Removed Brass Ballpoint Pen")).toBeHidden();
  await expect(cartCount(page)).toHaveText("3");

  // The last line gone: the focus waits on Undo.
  await page.getByRole("button", { name: "Remove Brass Ballpoint Pen" }).click();
  await expect(lines).toHaveCount(1);
  await page.getByRole("button", { name: "Remove Cedar Soy Candle" }).click();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo: put Cedar Soy Candle back" })).toBeFocused();
});

test("without JavaScript, the header still shows the cart count, and 'Keep shopping' goes back to the shop", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/products/linen-apron");
  await page.getByRole("button", { name: "Add to cart" }).click();
  const added = page.getByRole("region", { name: "Added to your cart" });
  await expect(added).toContainText("Linen Apron × 1");
  // The header's count: an image drawn from this browser's session, since no script can fetch it.
  const badge = page.getByRole("link", { name: "Cart" }).getByTestId("cart-count-image");
  await expect(badge).toBeVisible();
  expect(await badge.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(await (await context.request.get("/api/visitor/badge")).text()).toContain(">1</text>");
  await added.getByRole("link", { name: "Keep shopping" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/products/chef-knife");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("region", { name: "Added to your cart" })).toContainText("Chef");
  expect(await (await context.request.get("/api/visitor/badge")).text()).toContain(">2</text>");
  // A browser with no session sees 0, and no session is made for it.
  const stranger = await browser.newContext({ javaScriptEnabled: false });
  const answer = await stranger.request.get("/api/visitor/badge");
  expect(answer.headers()["content-type"]).toContain("image/svg+xml");
  expect(await answer.text()).toContain(">0</text>");
  expect(await stranger.cookies()).toEqual([]);
  await stranger.close();
  await context.close();
});
