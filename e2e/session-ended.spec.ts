import { expect, test, type APIRequestContext } from "@playwright/test";
import { PASSWORD, uniqueEmail } from "./helpers";

// A request that comes with a session that has ended is told why, where the shopper acts, and a
// JSON answer that had to start a new session says which one it replaced.

const json = { "content-type": "application/json" };
type State = Awaited<ReturnType<APIRequestContext["storageState"]>>;

test("the JSON API says why a session is gone, and which one a new session replaced", async ({
  playwright,
  baseURL,
}) => {
  const shopper = await playwright.request.newContext({ baseURL });
  expect(
    (await shopper.post("/api/cart/items", { headers: json, data: { slug: "brass-pen", quantity: 1 } })).status(),
  ).toBe(200);
  const productId = (await (await shopper.get("/api/cart")).json()).items[0].productId;
  const old: State = await shopper.storageState(); // the cookie, as another tab holds it
  expect((await shopper.delete("/api/session")).status()).toBeLessThan(300);

  const withOldCookie = () => playwright.request.newContext({ baseURL, storageState: old });
  const patched = await (
    await withOldCookie()
  ).patch(`/api/cart/items/${productId}`, { headers: json, data: { quantity: 2 } });
  expect(patched.status()).toBe(404);
  expect((await patched.json()).error).toEqual({
    code: "not_in_cart",
    message: expect.stringMatching(/ended in another tab/),
  });

  const again = await withOldCookie();
  const added = await again.post("/api/cart/items", { headers: json, data: { slug: "brass-pen", quantity: 1 } });
  expect(added.status()).toBe(200);
  expect((await added.json()).replacedSession).toEqual({ reason: "ended" });
  const fresh = await (await again.get("/api/session")).json();
  expect(fresh.anonymousSession.data.cartItems).toEqual([expect.objectContaining({ productId, quantity: 1 })]);
  // A live cookie's answers carry no such field.
  expect(
    await (await again.post("/api/cart/items", { headers: json, data: { slug: "brass-pen", quantity: 1 } })).json(),
  ).not.toHaveProperty("replacedSession");
});

test("a guest session that became an account says so when its old cookie comes back", async ({
  playwright,
  baseURL,
}) => {
  const shopper = await playwright.request.newContext({ baseURL });
  await shopper.post("/api/cart/items", { headers: json, data: { slug: "soy-candle", quantity: 1 } });
  const guestCookie: State = await shopper.storageState();
  expect(
    (
      await shopper.post("/api/auth/signup", {
        headers: json,
        data: { email: uniqueEmail("ended"), password: PASSWORD },
      })
    ).status(),
  ).toBe(201);
  const replay = await playwright.request.newContext({ baseURL, storageState: guestCookie });
  const started = await replay.post("/api/session");
  expect(started.status()).toBe(201);
  expect((await started.json()).replacedSession).toEqual({ reason: "converted" });
});

test("the cart says the session was ended in another tab, where the shopper acts and on the page", async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  await page.goto("/products/brass-pen");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  await page.goto("/cart");
  // Another tab ends the session (its own request with the same cookie).
  const cookie = await context.storageState();
  const otherTab = await playwright.request.newContext({ baseURL, storageState: cookie });
  expect((await otherTab.delete("/api/session")).status()).toBeLessThan(300);

  const line = page.getByRole("listitem", { name: "Brass Ballpoint Pen" });
  await line.getByRole("spinbutton", { name: "Quantity of Brass Ballpoint Pen" }).fill("2");
  await line.getByRole("spinbutton", { name: "Quantity of Brass Ballpoint Pen" }).press("Enter");
  // Said beside the line, or at the top when the page renders again without the cookie (the
  // header's own request may have cleared it first).
  const why = /This guest session was ended in another tab or window, so its cart is gone/;
  await expect(page.getByText(why).first()).toBeVisible();
  await page.reload();
  await expect(page.locator("#session-ended")).toContainText(why);
  // The way back is in the notice itself.
  await page.locator("#session-ended").getByRole("link", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/cart");
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("0");
  // A new cart (a new guest session) puts the notice away.
  await page.goto("/products/soy-candle");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
  await page.goto("/cart");
  await expect(page.getByRole("listitem", { name: "Cedar Soy Candle" })).toBeVisible();
  await expect(page.locator("#session-ended")).toHaveCount(0);

  // A page opened with the old cookie says the same at the top.
  const stale = await context.browser()!.newContext({ storageState: cookie });
  const again = await stale.newPage();
  await again.goto(`${baseURL}/cart`);
  await expect(again.locator("#session-ended")).toContainText("This guest session was ended in another tab or window");
  await stale.close();
});
