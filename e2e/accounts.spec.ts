import { expect, test, type Page } from "@playwright/test";
import { must } from "../scripts/must";
import { addFromProductPage, logIn, PASSWORD, signUp, uniqueEmail } from "./helpers";

// A guest's journey into an account, and back out, through the browser.

const email = () => uniqueEmail("shopper");

async function logOut(page: Page) {
  await page.goto("/account");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("status").filter({ hasText: "You are logged out." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
}

/** Logs in with a guest cart, choosing to keep the account's cart (the guest's items are saved). */
async function logInKeepingAccountCart(page: Page, address: string) {
  await logIn(page, address);
  await page.getByRole("radio", { name: /Keep your account's cart/ }).check();
  await page.getByRole("button", { name: "Log in" }).click();
}

const cartLines = (page: Page) => page.getByRole("list", { name: "Cart items" }).getByRole("listitem");
const savedLines = (page: Page) => page.getByRole("list", { name: "Saved for later" }).getByRole("listitem");

test("a guest signs up and finds the same cart, told what moved; the old cookie is dead", async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  await addFromProductPage(page, "morning-blend", 2);
  await addFromProductPage(page, "brass-pen");
  const guestCookie = must((await context.cookies())[0], "the guest's session cookie");

  await signUp(page, email());
  await expect(page).toHaveURL(/\/cart\?welcome=1$/);
  await expect(page.getByRole("status")).toHaveText("2 products from this browser's cart were added to your cart.");
  await expect(cartLines(page)).toHaveCount(2);
  await expect(page.getByTestId("cart-count")).toHaveText("3");

  const memberCookie = must((await context.cookies())[0], "the member's session cookie");
  expect(memberCookie.value).not.toBe(guestCookie.value);
  const session = await (await page.request.get("/api/session")).json();
  expect(session.authenticatedSession.migratedFrom).toMatch(/^guest_/);

  // Replaying the guest cookie (from another client, whose jar it may clear) gets nothing back.
  const other = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: { cookie: `passerby_session=${guestCookie.value}` },
  });
  expect((await other.get("/api/session")).status()).toBe(401);
  expect((await (await other.get("/api/cart")).json()).items).toEqual([]);
  await other.dispose();

  await page.goto("/account");
  await expect(page.getByRole("list", { name: "Migration history" })).toContainText("Sign-up");
  await expect(page.getByRole("list", { name: "Migration history" })).toContainText("2 products to the cart");
  // A new account has no cart of its own: a sign-up made no cart choice.
  await expect(page.getByRole("list", { name: "Migration history" })).toContainText(
    "the cart moved into the new account",
  );
  await expect(page.getByRole("list", { name: "Migration history" })).not.toContainText("combined");
  // Plain words: a shopper never reads a session id there.
  await expect(page.getByRole("list", { name: "Migration history" })).toContainText("From a guest session:");
  await expect(page.getByRole("list", { name: "Migration history" })).not.toContainText("guest_");
});

test("log-in offers the three cart choices with a preview, and each does what it says", async ({ page }) => {
  test.setTimeout(60_000); // three log-ins and log-outs, each with a cart: ~16 s on a quiet machine
  const address = email();
  await signUp(page, address);
  await expect(page).toHaveURL(/\/account/);
  await addFromProductPage(page, "soy-candle"); // the account's cart
  await logOut(page);

  // Each step adds one item as a guest, then logs in with a choice.
  const expectations = [
    {
      guestItem: "dot-grid-notebook",
      choice: "Combine both carts",
      cart: ["Cedar Soy Candle", "Dot Grid Notebook"],
      saved: [] as string[],
    },
    {
      guestItem: "linen-apron",
      choice: "Keep your account's cart",
      cart: ["Cedar Soy Candle", "Dot Grid Notebook"],
      saved: ["Linen Apron"],
    },
    {
      guestItem: "stoneware-vase",
      choice: "Use this browser's cart",
      cart: ["Stoneware Vase"],
      saved: ["Cedar Soy Candle", "Dot Grid Notebook", "Linen Apron"],
    },
  ];
  for (const step of expectations) {
    await addFromProductPage(page, step.guestItem);
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(address);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("group", { name: "Two carts: choose what happens" })).toBeVisible();
    // The focus moves to the choice (its checked option), not left on the button below it.
    await expect(page.getByRole("radio", { name: /Combine both carts/ })).toBeFocused();
    await page.getByRole("radio", { name: new RegExp(step.choice) }).check();
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/cart\?welcome=1$/);
    await expect(page.getByRole("status")).toBeVisible();
    for (const name of step.cart) await expect(cartLines(page).filter({ hasText: name })).toHaveCount(1);
    await expect(cartLines(page)).toHaveCount(step.cart.length);
    await page.goto("/account");
    if (step.saved.length === 0) await expect(page.getByText("Nothing saved.")).toBeVisible();
    else await expect(savedLines(page)).toHaveCount(step.saved.length);
    for (const name of step.saved) await expect(savedLines(page).filter({ hasText: name })).toHaveCount(1);
    await logOut(page);
  }
});

test("the preview names which items end where", async ({ page }) => {
  const address = email();
  await signUp(page, address);
  await addFromProductPage(page, "chef-knife");
  await logOut(page);
  await addFromProductPage(page, "bamboo-board", 2);
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(address);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  const keep = page.getByRole("radio", { name: /Keep your account's cart/ }).locator("..");
  await expect(keep).toContainText("Cart: Chef's Knife 20 cm × 1");
  await expect(keep).toContainText("Saved for later: Bamboo Cutting Board × 2");
});

test("a product in both carts can be decided line by line: the preview follows, and the log-in does what it showed", async ({
  page,
}) => {
  const address = email();
  await signUp(page, address);
  await addFromProductPage(page, "soy-candle"); // the account's cart
  await logOut(page);
  await addFromProductPage(page, "soy-candle", 3);
  await addFromProductPage(page, "dot-grid-notebook");
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(address);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();

  const combine = page.getByRole("radio", { name: /Combine both carts/ }).locator("..");
  await expect(combine).toContainText("Cart: Cedar Soy Candle × 4, Dot Grid Notebook × 1");
  await page
    .getByRole("group", { name: "Cedar Soy Candle: 3 in this browser's cart, 1 in your account's cart" })
    .getByRole("radio", { name: "Save both for later" })
    .check();
  await expect(combine).toContainText("Cart: Dot Grid Notebook × 1");
  await expect(combine).toContainText("Saved for later: Cedar Soy Candle × 4");
  await page.getByRole("radio", { name: /Combine both carts/ }).check();
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page).toHaveURL(/\/cart\?welcome=1$/);
  await expect(cartLines(page)).toHaveCount(1);
  await expect(cartLines(page).first()).toContainText("Dot Grid Notebook");
  await page.goto("/account");
  await expect(savedLines(page)).toHaveCount(1);
  await expect(savedLines(page).first()).toContainText("Cedar Soy Candle");
  await expect(savedLines(page).first()).toContainText("4");
});

test("the line-by-line choice works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const address = email();
  // The account's cart and then the guest's, through the API in the same browser (it shares the cookies).
  await context.request.post("/api/auth/signup", { data: { email: address, password: PASSWORD } });
  await context.request.post("/api/cart/items", { data: { slug: "brass-pen", quantity: 5 } });
  await context.request.post("/api/auth/logout");
  await context.request.post("/api/cart/items", { data: { slug: "brass-pen", quantity: 2 } });

  await page.goto("/login");
  await page.getByLabel("E-mail").fill(address);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page
    .getByRole("group", { name: "Brass Ballpoint Pen: 2 in this browser's cart, 5 in your account's cart" })
    .getByRole("radio", { name: "Keep the 2 in this browser's cart; save your account's cart's 5 for later" })
    .check();
  // The password is never sent back to the page, and the second step does not ask for it again.
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/No need to type it again/);
  await page.getByRole("button", { name: "Log in" }).click();

  await expect(page).toHaveURL(/\/cart\?welcome=1$/);
  await expect(cartLines(page)).toHaveCount(1);
  await expect(cartLines(page).first()).toContainText("Brass Ballpoint Pen");
  await expect(page.getByRole("spinbutton", { name: "Quantity of Brass Ballpoint Pen" })).toHaveValue("2");
  await page.goto("/account");
  await expect(savedLines(page)).toHaveCount(1);
  await expect(savedLines(page).first()).toContainText("5");
  await context.close();
});

test("POST /api/auth/login takes lineChoices beside cartChoice, and refuses unknown products or choices with a 422", async ({
  playwright,
  baseURL,
}) => {
  const address = email();
  const account = await playwright.request.newContext({ baseURL });
  await account.post("/api/auth/signup", { data: { email: address, password: PASSWORD } });
  await account.post("/api/cart/items", { data: { slug: "brass-pen", quantity: 5 } });
  const products = (await (await account.get("/api/products")).json()).products as { id: string; slug: string }[];
  const id = (slug: string) => products.find((p) => p.slug === slug)!.id;

  const guest = await playwright.request.newContext({ baseURL });
  await guest.post("/api/cart/items", { data: { slug: "brass-pen", quantity: 2 } });
  const login = (lineChoices: Record<string, string>) =>
    guest.post("/api/auth/login", { data: { email: address, password: PASSWORD, cartChoice: "combine", lineChoices } });
  const unknownProduct = await login({ [id("soy-candle")]: "guest" });
  expect(unknownProduct.status()).toBe(422);
  expect((await unknownProduct.json()).error.code).toBe("invalid_input");
  // A key zod's record would drop unchecked is still a key the client sent: refused the same way.
  const protoKey = await login(JSON.parse('{"__proto__":"guest"}'));
  expect(protoKey.status()).toBe(422);
  expect((await protoKey.json()).error.message).toContain("__proto__");
  const unknownChoice = await login({ [id("brass-pen")]: "half" });
  expect(unknownChoice.status()).toBe(422);
  expect((await guest.get("/api/session")).status()).toBe(200); // still the guest: nothing happened

  const done = await login({ [id("brass-pen")]: "guest" });
  expect(done.status()).toBe(200);
  expect((await done.json()).migration).toMatchObject({ cartChoice: "combine", cartItems: 1, savedForLater: 1 });
  const cart = await (await guest.get("/api/cart")).json();
  expect(cart.items.map((i: { productId: string; quantity: number }) => [i.productId, i.quantity])).toEqual([
    [id("brass-pen"), 2],
  ]);
  await account.dispose();
  await guest.dispose();
});

test("saved-for-later items move back to the cart or are removed", async ({ page }) => {
  const address = email();
  await signUp(page, address);
  await addFromProductPage(page, "soy-candle");
  await logOut(page);
  await addFromProductPage(page, "brass-pen");
  await addFromProductPage(page, "washi-tape-set");
  await logInKeepingAccountCart(page, address);
  await expect(page).toHaveURL(/\/cart\?welcome=1$/);
  await page.goto("/account");
  await expect(savedLines(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Move to cart: Brass Ballpoint Pen" }).click();
  await expect(savedLines(page)).toHaveCount(1);
  await page.getByRole("button", { name: "Remove Washi Tape Set from saved items" }).click();
  await expect(page.getByText("Nothing saved.")).toBeVisible();
  await page.goto("/cart");
  await expect(cartLines(page)).toHaveCount(2);
});

test("the cart shows what was saved for later at log-in, and moves it back from there", async ({ page }) => {
  const address = email();
  await signUp(page, address);
  await addFromProductPage(page, "soy-candle");
  await logOut(page);
  await addFromProductPage(page, "brass-pen");
  await logInKeepingAccountCart(page, address);

  await expect(page).toHaveURL(/\/cart\?welcome=1$/);
  await expect(page.getByRole("status")).toContainText("saved for later");
  await expect(savedLines(page)).toHaveCount(1);
  await expect(savedLines(page).first()).toContainText("Brass Ballpoint Pen");
  await page.getByRole("button", { name: "Move to cart: Brass Ballpoint Pen" }).click();
  await expect(cartLines(page)).toHaveCount(2);
  await expect(page.getByRole("list", { name: "Saved for later" })).toHaveCount(0);
});

test("a wrong password shows a clear error and keeps the e-mail; bad sign-ups explain themselves", async ({ page }) => {
  const address = email();
  await signUp(page, address);
  await logOut(page);
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(address);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("The e-mail or password is not right.")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue(address);

  await page.goto("/signup");
  await page.getByLabel("E-mail").fill("not-an-email");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid e-mail address, like name@example.com.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue("not-an-email");
  await expect(page.getByLabel("Password")).toHaveValue("");

  await page.getByLabel("E-mail").fill(email());
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  // The server's answer beside the field (the strength meter says the same while typing).
  await expect(page.locator("#password-error")).toHaveText(
    "That password is too common; choose something harder to guess.",
  );

  await page.getByLabel("E-mail").fill(address.toUpperCase());
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(
    page.getByText("An account with this e-mail already exists. Log in instead.", { exact: true }),
  ).toBeVisible();
});

test("a signed-in visitor going to /signup or /login lands on /account", async ({ page }) => {
  await signUp(page, email());
  await page.goto("/signup");
  await expect(page).toHaveURL(/\/account$/);
  await page.goto("/login");
  await expect(page).toHaveURL(/\/account$/);
});

test("the sign-up form shows the password's strength as the shopper types, and says why a weak one fails", async ({
  page,
}) => {
  await page.goto("/signup");
  const address = email();
  await page.getByLabel("E-mail").fill(address);
  const password = page.getByLabel("Password");
  await password.fill("bbbbbbbbbb");
  await expect(page.getByText("Weak — That password repeats one character")).toBeVisible();
  await password.fill(address.split("@")[0] + "!!");
  await expect(page.getByText(/Weak — That password is built from your e-mail address/)).toBeVisible();
  await password.fill("velvet harbor lantern quartz");
  await expect(page.getByText("Password strength: Strong")).toBeVisible();
  // The server has the last word, and says the same.
  await password.fill("abcabcabca");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("#password-error")).toHaveText(
    "That password repeats a short pattern; choose something harder to guess.",
  );
});
