import { expect, test, type Page } from "@playwright/test";
import { ADMIN, addFromProductPage, PASSWORD, uniqueEmail } from "./helpers";

// Lead capture with cross-device restore, the members-only preview, the A/B prompt and the
// admin's dashboard, in the browser and through the JSON API.

const json = { "content-type": "application/json" };
const email = () => uniqueEmail("journey");

const cartLines = (page: Page) => page.getByRole("list", { name: "Cart items" }).getByRole("listitem");

test("a guest e-mails the cart to themselves and opens it in another browser, once", async ({ page, browser }) => {
  await addFromProductPage(page, "stoneware-vase", 2);
  await addFromProductPage(page, "dot-grid-notebook");
  await page.goto("/cart");
  await page.getByLabel("Your e-mail").fill("not an e-mail");
  await page.getByRole("button", { name: "Send me my cart" }).click();
  await expect(page.locator("#email-error")).toHaveText(/valid e-mail/);
  const address = email();
  await page.getByLabel("Your e-mail").fill(address);
  await page.getByRole("button", { name: "Send me my cart" }).click();
  await expect(page.getByRole("status")).toContainText(`Sent to ${address}`);

  await page.getByRole("link", { name: "Open the outbox" }).click();
  const message = page.getByRole("article", { name: "Your Passerby cart" });
  await expect(message).toContainText(`To ${address}`);
  await expect(message).toContainText("Stoneware Vase × 2");
  const link = await message.getByRole("link", { name: "Open the link" }).getAttribute("href");
  expect(link).toMatch(/\/cart\/restore\/[\w-]{43}$/);

  const other = await browser.newContext();
  const phone = await other.newPage();
  await phone.goto(link!);
  // Opening the link only shows what it carries; nothing is added (and no session starts) until
  // the shopper presses the button.
  await expect(phone.getByRole("list", { name: "Items in the e-mailed cart" })).toContainText("Stoneware Vase");
  expect(await other.cookies()).toEqual([]);
  await phone.getByRole("button", { name: "Add to my cart" }).click();
  await expect(phone).toHaveURL(/\/cart$/);
  await expect(phone.getByRole("status")).toHaveText(
    "Your e-mailed cart is here: 3 items were added to this browser's cart.",
  );
  await expect(cartLines(phone)).toHaveCount(2);
  await expect(cartLines(phone).first()).toContainText("Stoneware Vase");

  await phone.goto(link!);
  await expect(phone.getByRole("status")).toContainText("This cart link has already been used.");
  await phone.goto("/cart");
  await expect(cartLines(phone)).toHaveCount(2); // nothing added twice
  const stranger = await browser.newContext();
  const third = await stranger.newPage();
  await third.goto(link!.replace(/[\w-]{43}$/, "x".repeat(43)));
  await expect(third.getByRole("status")).toContainText("This cart link is not valid.");
  expect(await stranger.cookies()).toEqual([]); // a bad link starts no session
  // What a restore did is said by the flash its button left, never by the address.
  await third.goto("/cart?restored=5&restore=used");
  await expect(third.getByText(/e-mailed cart|cart link/)).toHaveCount(0);
  await other.close();
  await stranger.close();
});

test("in a guest's last hour the countdown offers to e-mail the cart", async ({ page }) => {
  await addFromProductPage(page, "soy-candle");
  const { anonymousSession } = await page.request.get("/api/session").then((r) => r.json());
  await page.goto("/session");
  await expect(page.getByRole("link", { name: /e-mail me my cart/ })).toHaveCount(0); // a day is left
  await page.clock.install({ time: new Date(Date.parse(anonymousSession.expiresAt) - 30 * 60_000) });
  await page.goto("/session");
  await page.getByRole("link", { name: "Less than an hour left: e-mail me my cart" }).click();
  await expect(page).toHaveURL(/\/cart#email-cart$/);
  await expect(page.getByLabel("Your e-mail")).toBeVisible();
});

test("guests see a teaser of the deals with the A/B prompt; members see them whole", async ({ page, request }) => {
  await addFromProductPage(page, "washi-tape-set");
  await page.goto("/deals");
  await expect(page.getByRole("heading", { name: "Members’ deals" })).toBeVisible();
  const deals = page.getByRole("list", { name: "Deals" }).getByRole("listitem");
  await expect(deals).toHaveCount(3);
  await expect(deals.first()).toContainText("Members only");
  await expect(page.getByText("SLOWMORNING25")).toHaveCount(0);
  const prompt = page.getByRole("region", { name: /Members see every deal|Read the members. offers/ });
  await expect(prompt).toBeVisible();
  const shown = await prompt.getAttribute("data-variant");
  const session = await page.request.get("/api/session").then((r) => r.json());
  expect(session.anonymousSession.data.experiments).toEqual({ cta_copy: shown });

  await prompt.getByRole("link", { name: /Create an account|Join free/ }).click();
  await page.getByLabel("E-mail").fill(email());
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/cart\?welcome=1$/);
  await page.goto("/deals");
  await expect(page.getByText("SLOWMORNING25")).toBeVisible();
  await expect(page.getByRole("region", { name: /Members see every deal|Read the members. offers/ })).toHaveCount(0);
  const member = await page.request.get("/api/session").then((r) => r.json());
  expect(member.authenticatedSession.data.experiments).toEqual({ cta_copy: shown }); // kept by the account
  expect((await request.get("/deals")).status()).toBe(200);
});

test("the deals promise no prices the checkout will not give, and /session says which views are kept", async ({
  page,
}) => {
  await page.goto("/deals");
  // Either variant of the prompt: neither promises members' prices, and the page says codes are not taken.
  await expect(page.getByRole("region", { name: /Members see every deal|Read the members. offers/ })).toBeVisible();
  await expect(page.getByText(/prices/i)).toHaveCount(0);
  await expect(page.getByText(/this demo.s checkout takes no codes/)).toBeVisible();

  await page.goto("/session");
  await expect(page.getByRole("heading", { name: "You have no session" })).toBeVisible();
  await expect(
    page.getByText(
      /a count of the pages opened \(the page and the time, linked to no one and to no address\), deleted after 14 days/,
    ),
  ).toBeVisible();
  expect(await page.context().cookies()).toEqual([]);
});

test("the admin sees the journeys dashboard; nobody else does", async ({ page }) => {
  const guestAnswer = await page.request.get("/api/admin/analytics");
  expect(guestAnswer.status()).toBe(403);
  expect((await guestAnswer.json()).error.code).toBe("forbidden");
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login$/);

  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/admin$/); // the administrator lands on the dashboard
  await expect(page.getByRole("heading", { name: "Journeys" })).toBeVisible();
  await page.goto("/account");
  await page.getByRole("link", { name: "Open the journeys dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Journeys" })).toBeVisible();
  for (const chart of [
    /^Funnel: guest session → cart → checkout → order\. guest session: \d+/,
    /^Guest journeys and accounts, per day/,
    /^Carts migrated/,
    /^Guest journeys now\. active: \d+/,
    /^Events: anonymous vs authenticated\. anonymous: [1-9]/,
  ]) {
    await expect(page.getByRole("img", { name: chart })).toBeVisible();
  }
  // On a phone the charts' text stays readable (12 px at least) and the page does not scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const smallest = await page.locator("figure").evaluateAll((figures) =>
    Math.min(
      ...figures
        .flatMap((f) => [...f.querySelectorAll("*")])
        .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
        .map(
          (el) =>
            parseFloat(getComputedStyle(el).fontSize) *
            (el.closest("svg")
              ? el.closest("svg")!.getBoundingClientRect().width / el.closest("svg")!.viewBox.baseVal.width
              : 1),
        ),
    ),
  );
  expect(smallest).toBeGreaterThanOrEqual(12);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const figures = await page.request.get("/api/admin/analytics").then((r) => r.json());
  expect(Object.keys(figures)).toEqual(
    expect.arrayContaining(["funnel", "guestSessions", "conversionRate", "cartsMigrated", "experiments", "events"]),
  );
  expect(typeof figures.cartsMigrated).toBe("number");
  expect(figures.cartsMigrated).toBe(
    figures.signupCarts +
      figures.cartChoices.combine +
      figures.cartChoices.keep_account +
      figures.cartChoices.use_guest,
  );
  expect(figures.funnel.guestSessions).toBeGreaterThan(0);
  expect(figures.funnel.cart).toBeGreaterThan(0);
  expect(figures.guestSessions.converted).toBeGreaterThan(0);
  expect(figures.experiments.cta_copy).toHaveProperty("A");
  expect(figures.events.anonymous).toBeGreaterThan(0);

  const outbox = await page.request.get("/api/outbox").then((r) => r.json());
  expect(outbox.messages.length).toBeGreaterThan(0); // an admin sees every message
});

test("POST /api/cart/email: 202 with a lead, 422 for a bad e-mail or an empty cart, 403 for members", async ({
  request,
  playwright,
  baseURL,
}) => {
  const empty = await request.post("/api/cart/email", { headers: json, data: { email: "a@example.com" } });
  expect(empty.status()).toBe(422);
  expect((await empty.json()).error.code).toBe("empty_cart");
  await request.post("/api/cart/items", { headers: json, data: { slug: "brass-pen" } });
  const bad = await request.post("/api/cart/email", { headers: json, data: { email: "nope" } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.code).toBe("invalid_input");
  const sent = await request.post("/api/cart/email", { headers: json, data: { email: "Lead@Example.com " } });
  expect(sent.status()).toBe(202);
  const { expiresAt, ...lead } = (await sent.json()).lead;
  expect(lead).toEqual({ email: "lead@example.com", items: 1 });
  // The link is kept EMAILED_CART_DAYS (7), not the guest session's day.
  expect(Math.abs(Date.parse(expiresAt) - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
  const { messages } = await request.get("/api/outbox").then((r) => r.json());
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({ to: "lead@example.com", subject: "Your Passerby cart" });
  expect(Object.keys(messages[0]).sort()).toEqual(["createdAt", "links", "subject", "text", "to"]);

  const member = await playwright.request.newContext({ baseURL });
  await member.post("/api/auth/signup", { headers: json, data: { email: email(), password: PASSWORD } });
  await member.post("/api/cart/items", { headers: json, data: { slug: "brass-pen" } });
  expect((await member.post("/api/cart/email", { headers: json, data: { email: "m@example.com" } })).status()).toBe(
    403,
  );
  expect((await member.get("/api/outbox").then((r) => r.json())).messages).toEqual([]);
  await member.dispose();
});
