import { expect, test, type Locator, type Page } from "@playwright/test";
import { addFromProductPage, fillCheckout, PASSWORD, uniqueEmail } from "./helpers";

// Buying as a guest and as a member, in the browser.

const email = () => uniqueEmail("buyer");

const placeOrder = (page: Page) => page.getByRole("button", { name: /^Place order/ }).click();

test("a guest buys two items, creates an account from the confirmation and finds the order there", async ({ page }) => {
  await addFromProductPage(page, "sencha-green-tea", 2);
  await addFromProductPage(page, "washi-tape-set");
  await page.goto("/cart");
  await page.getByRole("link", { name: "Proceed to checkout" }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  const contact = email();
  await fillCheckout(page, contact, "4242 4242 4242 4242");
  await placeOrder(page);

  await expect(page).toHaveURL(/\/orders\/ord_[\w-]+$/);
  const orderUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { name: "Thank you, Ada Lovelace!" })).toBeVisible();
  const items = page.getByRole("list", { name: "Order items" }).getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText("Sencha Green Tea × 2");
  await expect(page.getByText("Visa ending in 4242")).toBeVisible();
  await expect(page.getByRole("link", { name: /^Cart/ })).toHaveText(/0/);

  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByLabel("E-mail")).toHaveValue(contact);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  await expect(page.getByRole("status")).toContainText("1 guest order attached to your account");
  const orders = page.getByRole("list", { name: "Orders" }).getByRole("listitem");
  await expect(orders).toHaveCount(1);
  await expect(orders.first()).toContainText("Sencha Green Tea × 2, Washi Tape Set × 1");
  await orders.first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`${orderUrl}$`));
  await expect(page.getByRole("heading", { name: "Thank you, Ada Lovelace!" })).toBeVisible();
  // A British address as the Royal Mail writes it: the postcode on a line of its own, after the town.
  await expect(page.getByText("1 Analytical Way")).toHaveText(
    /Ada Lovelace\s*1 Analytical Way\s*London\s*N1 9GU\s*United Kingdom/,
  );

  // The member's next checkout offers the name and address of that order.
  await addFromProductPage(page, "brass-pen");
  await page.goto("/checkout");
  await expect(page.getByText("Filled in from your last order")).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Ada Lovelace");
  await expect(page.getByLabel("Address", { exact: true })).toHaveValue("1 Analytical Way");
  await expect(page.getByLabel("City")).toHaveValue("London");
  await expect(page.getByLabel("Postal code")).toHaveValue("N1 9GU");
  await expect(page.getByLabel("Country")).toHaveValue("GB");
});

test("the confirmation the order page promises reaches the buyer's outbox, with a link that shows the order", async ({
  page,
}) => {
  await addFromProductPage(page, "soy-candle");
  await page.goto("/checkout");
  const contact = email();
  await fillCheckout(page, contact, "4242 4242 4242 4242");
  await placeOrder(page);
  await expect(page).toHaveURL(/\/orders\/ord_[\w-]+$/);
  const orderPath = new URL(page.url()).pathname;
  await expect(page.getByText(`A confirmation goes to ${contact}`)).toBeVisible();
  // Shoppers read a short number, not the id in the address.
  const number = (await page.getByText(/Order number [0-9A-Z]{4}-[0-9A-Z]{4}/).textContent())!.match(
    /Order number ([0-9A-Z]{4}-[0-9A-Z]{4})/,
  )![1]!;

  await page.goto("/outbox");
  const message = page.getByRole("article", { name: `Your Passerby order ${number}` });
  await expect(message).toContainText(`To ${contact}`);
  await expect(message).toContainText("Cedar Soy Candle × 1");
  await expect(message).toContainText("1 Analytical Way, London, N1 9GU, United Kingdom");
  await message.getByRole("link", { name: "Open the link" }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/link/${orderPath.split("/").at(-1)}\\.`));
  await expect(page.getByRole("heading", { name: "Your order" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Order items" })).toContainText("Cedar Soy Candle × 1");
});

test("a declined card says so beside the form, keeps what was typed and keeps the cart", async ({ page }) => {
  await addFromProductPage(page, "soy-candle");
  await page.goto("/checkout");
  const contact = email();
  await fillCheckout(page, contact, "4000 0000 0000 0002");
  await placeOrder(page);
  await expect(page.getByText("Your card was declined.")).toBeVisible();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByLabel("E-mail")).toHaveValue(contact);
  await expect(page.getByLabel("City")).toHaveValue("London");
  // The browser keeps what was typed, card included (the server never sends a card number back).
  await expect(page.getByLabel("Card number")).toHaveValue("4000 0000 0000 0002");
  await page.goto("/cart");
  await expect(page.getByRole("list", { name: "Cart items" }).getByRole("listitem")).toHaveCount(1);
});

test("bad fields are named beside the field; an empty cart cannot check out", async ({ page }) => {
  await page.goto("/checkout");
  await expect(page.getByText("Your cart is empty")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Place order/ })).toHaveCount(0);

  await addFromProductPage(page, "soy-candle");
  await page.goto("/checkout");
  await fillCheckout(page, "not-an-email", "4242 4242 4242 4241");
  await placeOrder(page);
  // Both in one answer: the e-mail and the card number.
  await expect(page.getByLabel("E-mail")).toHaveAccessibleDescription(/^Enter a valid e-mail address/);
  await expect(page.getByLabel("Card number")).toHaveAccessibleDescription(
    "That card number is not valid. Check it and try again.",
  );
  await page.getByLabel("E-mail").fill(email());
  await page.getByLabel("Card number").fill("4242 4242 4242 4241");
  await page.getByLabel("CVC").fill("123");
  await placeOrder(page);
  await expect(page.locator("#card\\.number-error")).not.toBeEmpty();
  await expect(page).toHaveURL(/\/checkout$/);
});

test("a refused checkout keeps every field as typed (card included), lists the problems at the top of the form and takes the focus there", async ({
  page,
}) => {
  await addFromProductPage(page, "soy-candle");
  await page.goto("/checkout");
  await page.getByLabel("E-mail", { exact: true }).fill("grace@example.com");
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  const city = await page.getByLabel("City", { exact: true }).elementHandle();
  await placeOrder(page);

  // An alert named by its heading (a named plain div is prohibited by ARIA 1.2), with the focus.
  const problems = page.getByRole("alert", { name: "7 fields need your attention before the order can be placed:" });
  await expect(problems).toBeFocused();
  await expect(problems.getByRole("heading")).toHaveText(
    "7 fields need your attention before the order can be placed:",
  );
  await expect(problems.getByRole("link")).toHaveText([
    "Full name",
    "Address",
    "City",
    "Postal code",
    "Expiry month",
    "Expiry year",
    "CVC",
  ]);
  // The summary is the form's first element, above its first field.
  const top = async (locator: Locator) => (await locator.boundingBox())!.y;
  expect(await top(problems)).toBeLessThan(await top(page.getByLabel("E-mail", { exact: true })));
  // Nothing typed is lost, and the fields are the same elements (their messages are announced).
  await expect(page.getByLabel("E-mail", { exact: true })).toHaveValue("grace@example.com");
  await expect(page.getByLabel("Card number")).toHaveValue("4242 4242 4242 4242");
  expect(await city!.evaluate((node) => node.isConnected)).toBe(true);
  // Each link takes the focus to its field.
  await problems.getByRole("link", { name: "City" }).click();
  await expect(page.getByLabel("City", { exact: true })).toBeFocused();
  await expect(page.getByRole("button", { name: /^Place order/ })).not.toHaveAttribute("aria-disabled", "true");
});

const WRONG_NUMBER = "That card number is not valid. Check it and try again.";
const EXPIRED = "This card has expired.";
const SHORT_CVC = "The security code is the 3 digits on the back of the card.";
const NUMBER_AGAIN = "Type the card number again: it is never sent back to this page.";
const CVC_AGAIN = "Type the security code again: it is never sent back to this page.";

/** A card with three problems: a number failing Luhn, an expiry in the past, a CVC of two digits. */
async function fillBadCard(page: Page) {
  await page.getByLabel("Card number").fill("4242 4242 4242 4241");
  await page.getByLabel("Expiry month").fill("11");
  await page.getByLabel("Expiry year").fill("2020");
  await page.getByLabel("CVC").fill("12");
}

const summary = (page: Page, fields: number) =>
  page.getByRole("alert", { name: `${fields} fields need your attention before the order can be placed:` });

/** Each field says its problem, and only that (its accessible description is its message). */
async function expectBeside(page: Page, problems: [label: string, sentence: string][]) {
  for (const [label, sentence] of problems) {
    const field = page.getByLabel(label, { exact: true });
    await expect(field, label).toHaveAttribute("aria-invalid", "true");
    await expect(field, label).toHaveAccessibleDescription(sentence);
  }
}

test("a card with a wrong number, a past expiry and a short CVC is refused once, each problem beside its field", async ({
  page,
}) => {
  await addFromProductPage(page, "soy-candle");
  await page.goto("/checkout");
  await fillCheckout(page, email());
  await fillBadCard(page);
  await placeOrder(page);

  const problems = summary(page, 3);
  await expect(problems).toBeFocused();
  await expect(problems.getByRole("listitem")).toHaveText([
    `Card number: ${WRONG_NUMBER}`,
    `Expiry year: ${EXPIRED}`,
    `CVC: ${SHORT_CVC}`,
  ]);
  await expectBeside(page, [
    ["Card number", WRONG_NUMBER],
    ["Expiry year", EXPIRED],
    ["CVC", SHORT_CVC],
  ]);
  // With JavaScript the card stays as typed, so nothing asks for it again.
  await expect(page.getByLabel("Card number")).toHaveValue("4242 4242 4242 4241");
  await expect(page.getByLabel("CVC")).toHaveValue("12");

  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry year").fill("2030");
  await page.getByLabel("CVC").fill("123");
  await placeOrder(page);
  await expect(page).toHaveURL(/\/orders\/ord_[\w-]+$/);
});

test("without JavaScript the same card is refused once too; the card number and CVC come back empty, each saying to type it again", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await addFromProductPage(page, "soy-candle");
  await page.goto("/checkout");
  await fillCheckout(page, email());
  await fillBadCard(page);
  await placeOrder(page);

  await expect(summary(page, 3).getByRole("listitem")).toHaveText([
    `Card number: ${WRONG_NUMBER} ${NUMBER_AGAIN}`,
    `Expiry year: ${EXPIRED}`,
    `CVC: ${SHORT_CVC} ${CVC_AGAIN}`,
  ]);
  await expectBeside(page, [
    ["Card number", `${WRONG_NUMBER} ${NUMBER_AGAIN}`],
    ["Expiry year", EXPIRED],
    ["CVC", `${SHORT_CVC} ${CVC_AGAIN}`],
  ]);
  // Never sent back, not even in part; everything else is.
  await expect(page.getByLabel("Card number")).toHaveValue("");
  await expect(page.getByLabel("CVC")).toHaveValue("");
  await expect(page.getByLabel("Expiry month")).toHaveValue("11");
  await expect(page.getByLabel("Expiry year")).toHaveValue("2020");
  await expect(page.getByLabel("City")).toHaveValue("London");

  // The number and CVC typed again and right, the expiry left in the past: the two that were
  // right are still asked for again (they came back empty), beside the one problem left.
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("CVC").fill("123");
  await placeOrder(page);
  await expect(summary(page, 3).getByRole("listitem")).toHaveText([
    `Card number: ${NUMBER_AGAIN}`,
    `Expiry year: ${EXPIRED}`,
    `CVC: ${CVC_AGAIN}`,
  ]);
  await expectBeside(page, [
    ["Card number", NUMBER_AGAIN],
    ["Expiry year", EXPIRED],
    ["CVC", CVC_AGAIN],
  ]);

  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry year").fill("2030");
  await page.getByLabel("CVC").fill("123");
  await placeOrder(page);
  await expect(page).toHaveURL(/\/orders\/ord_[\w-]+$/);
  await expect(page.getByText("Visa ending in 4242")).toBeVisible();
  await context.close();
});

test("on a phone the order summary, with a way back to the cart, comes before the form", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await addFromProductPage(page, "soy-candle");
  await page.goto("/checkout");
  const summary = await page.getByRole("heading", { name: "Order summary" }).boundingBox();
  const button = await page.getByRole("button", { name: /^Place order/ }).boundingBox();
  expect(summary!.y).toBeLessThan(button!.y);
  expect(summary!.y).toBeLessThan((await page.getByLabel("E-mail", { exact: true }).boundingBox())!.y);
  // Folded to its total; the lines open on request.
  await expect(page.getByRole("heading", { name: "Order summary · $22.00" })).toBeVisible();
  const line = page.getByRole("complementary").getByText("Cedar Soy Candle × 1");
  await expect(line).toBeHidden();
  await page.getByText("The item").click();
  await expect(line).toBeVisible();
  await page.getByText("The item").click();
  await expect(line).toBeHidden();
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(line).toBeVisible(); // a desktop shows them always
  await page.getByRole("link", { name: "Edit cart" }).click();
  await expect(page).toHaveURL(/\/cart$/);
});

test("an empty checkout names every missing field at once, each beside its field", async ({ page }) => {
  await addFromProductPage(page, "soy-candle");
  await page.goto("/checkout");
  await placeOrder(page);
  const beside = (label: string) => page.getByLabel(label, { exact: true });
  for (const [label, sentence] of [
    ["E-mail", "Enter your e-mail address."],
    ["Full name", "Enter your name."],
    ["Address", "Enter the street address."],
    ["City", "Enter the city."],
    ["Postal code", "Enter the postal code."],
    ["Card number", "Enter the card number."],
    ["Expiry month", "Enter the expiry month."],
    ["Expiry year", "Enter the expiry year."],
    ["CVC", "Enter the security code (CVC)."],
  ] as const) {
    await expect(beside(label), label).toHaveAttribute("aria-invalid", "true");
    await expect(beside(label), label).toHaveAccessibleDescription(new RegExp(sentence.replace(/[.()]/g, "\\$&")));
  }
  await expect(beside("Apartment, suite (optional)")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/checkout$/);
});

test("a member saves a card with the password asked again, then checks out with it", async ({ page }) => {
  await page.goto("/signup");
  const address = email();
  await page.getByLabel("E-mail").fill(address);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account\?welcome=1$/);

  await page.getByText("Add a card").click();
  await page.getByLabel("Card number").fill("4242424242424242");
  await page.getByLabel("Expiry month").fill("11");
  await page.getByLabel("Expiry year").fill("2031");
  await page.getByLabel("CVC").fill("321");
  await page.getByLabel("Your password").fill("not my password");
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.locator("#password-error")).not.toBeEmpty();

  await page.getByLabel("Card number").fill("4242424242424242");
  await page.getByLabel("CVC").fill("321");
  await page.getByLabel("Your password").fill(PASSWORD);
  await page.getByRole("button", { name: "Save card" }).click();
  await expect(page.getByRole("list", { name: "Saved cards" }).getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("list", { name: "Saved cards" })).toContainText("Visa ending in 4242");

  await addFromProductPage(page, "dot-grid-notebook", 3);
  await page.goto("/checkout");
  await expect(page.getByLabel("E-mail")).toHaveValue(address);
  await expect(page.getByRole("radio", { name: /Visa ending in 4242/ })).toBeChecked();
  await expect(page.getByLabel("Card number")).toHaveCount(0);
  await fillCheckout(page, address);
  await placeOrder(page);
  await expect(page).toHaveURL(/\/orders\/ord_[\w-]+$/);
  await expect(page.getByText("Visa ending in 4242")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Create an account to track this order" })).toHaveCount(0);
  await page.goto("/account");
  await expect(page.getByRole("list", { name: "Orders" }).getByRole("listitem")).toHaveCount(1);
});

test("a US address has a State to choose (free text elsewhere), and the order writes it as the post does", async ({
  page,
}) => {
  await addFromProductPage(page, "soy-candle");
  await page.goto("/checkout");
  await fillCheckout(page, email(), "4242 4242 4242 4242");
  // Chosen elsewhere, the field is free text; back in the US it is the list of states.
  await expect(page.getByLabel("State, province or region (optional)")).toBeVisible();
  await page.getByLabel("Country").selectOption("US");
  await page.getByLabel("City").fill("Springfield");
  await page.getByLabel("State", { exact: true }).selectOption({ label: "Illinois" });
  await page.getByLabel("Postal code").fill("62704");
  await placeOrder(page);
  await expect(page).toHaveURL(/\/orders\/ord_[\w-]+$/);
  await expect(page.getByText("Springfield, IL 62704")).toBeVisible();
});
