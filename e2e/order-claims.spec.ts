import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { logIn, PASSWORD, signUp, uniqueEmail } from "./helpers";

// Past guest orders, claimed by proof: orders bought as a guest in another browser reach the
// account only through a single-use link sent to the account's own e-mail.

async function guestOrder(request: APIRequestContext, email: string) {
  await request.post("/api/cart/items", { data: { slug: "soy-candle", quantity: 1 } });
  const placed = await request.post("/api/checkout", {
    data: {
      email,
      name: "Grace Hopper",
      address: { line1: "1 Harbor St", city: "Arlington", postalCode: "22201", country: "US" },
      card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" },
    },
  });
  expect(placed.status()).toBe(201);
}

/** Asks for the link on /account and follows it from the outbox; returns its address. */
async function askForLink(page: Page, address: string) {
  await page.goto("/account");
  await page.getByRole("button", { name: "Find my guest orders" }).click();
  await expect(page.getByText(`We sent a link to ${address}.`)).toBeVisible();
  await page.goto("/outbox");
  const message = page.getByRole("article").filter({ hasText: "Find your Passerby guest orders" }).first();
  return (await message.getByRole("link", { name: "Open the link" }).getAttribute("href"))!;
}

const orders = (page: Page) => page.getByRole("list", { name: "Orders" }).getByRole("listitem");

test("a member attaches the orders bought as a guest with their e-mail by the link sent to it, once", async ({
  page,
  playwright,
  baseURL,
}) => {
  const address = uniqueEmail("claimer");
  for (const email of [address, address, uniqueEmail("stranger")]) {
    const guest = await playwright.request.newContext({ baseURL });
    await guestOrder(guest, email);
    await guest.dispose();
  }
  await signUp(page, address);
  await expect(page.getByText("No orders yet.")).toBeVisible();

  const link = await askForLink(page, address);
  await page.goto(link);
  const waiting = page.getByRole("list", { name: "Guest orders to attach" }).getByRole("listitem");
  await expect(waiting).toHaveCount(2);
  await expect(waiting.first()).toContainText("Cedar Soy Candle × 1"); // what each order held, not only its total
  await page.getByRole("button", { name: "Attach these orders" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(
    page.getByRole("status").filter({ hasText: "2 guest orders are now attached to your account." }),
  ).toBeVisible();
  await expect(orders(page)).toHaveCount(2);
  await expect(page.getByRole("list", { name: "Claim history" })).toContainText("2 guest orders claimed");

  await page.goto(link);
  await expect(page.getByRole("status")).toHaveText(
    "This link has been used already: it works once. Nothing more was attached.",
  );
});

test("a link works only for the account it was sent to, and only for a signed-in visitor", async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const address = uniqueEmail("owner");
  const guest = await playwright.request.newContext({ baseURL });
  await guestOrder(guest, address);
  await guest.dispose();
  await signUp(page, address);
  const link = await askForLink(page, address);

  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(link);
  await expect(other.getByRole("status")).toContainText("Log in to the account this link was sent to");
  await signUp(other, uniqueEmail("intruder"));
  await other.goto(link);
  await expect(other.getByRole("status")).toHaveText(
    "This link was sent for another account. Log in to that account to use it; nothing was attached.",
  );
  await expect(other.getByRole("button", { name: "Attach these orders" })).toHaveCount(0);
  await stranger.close();

  // Still unused: the owner attaches the order.
  await page.goto(link);
  await page.getByRole("button", { name: "Attach these orders" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(orders(page)).toHaveCount(1);
});

test("pressing 'Attach these orders' after the session ended, or as a guest, says why on the claim page, never an error page", async ({
  page,
  context,
}) => {
  const address = uniqueEmail("lapsed");
  await signUp(page, address);
  const link = await askForLink(page, address);
  await page.goto(link);
  const attach = page.getByRole("button", { name: "Attach these orders" });
  await expect(attach).toBeVisible();

  // Signed out from another tab: the cookie still names the session, which has ended.
  const cookies = await context.cookies();
  expect((await page.request.post("/api/auth/logout")).status()).toBeLessThan(300);
  await context.addCookies(cookies);
  await attach.click();
  await expect(page).toHaveURL(link);
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: "You were signed out (from another tab or device): log in again to go on." }),
  ).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Log in to the account this link was sent to");
  await expect(page.getByText(/something went wrong/i)).toHaveCount(0);

  // A guest (no cookie at all) pressing the button of a page opened before.
  await logIn(page, address);
  await expect(page).toHaveURL(/\/account/);
  await page.goto(link);
  await context.clearCookies();
  await attach.click();
  await expect(page).toHaveURL(link);
  await expect(
    page.getByRole("alert").filter({ hasText: "Log in to find the orders you placed as a guest." }),
  ).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Log in to the account this link was sent to");

  // The link was not used: signed in again, it still attaches.
  await logIn(page, address);
  await expect(page).toHaveURL(/\/account/);
  await page.goto(link);
  await attach.click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("status").filter({ hasText: "No guest orders were waiting" })).toBeVisible();
});

test("POST /api/account/claim-orders sends the link (202) for members and refuses guests", async ({
  playwright,
  baseURL,
}) => {
  const member = await playwright.request.newContext({ baseURL });
  const address = uniqueEmail("api-claim");
  await member.post("/api/auth/signup", { data: { email: address, password: PASSWORD } });
  const sent = await member.post("/api/account/claim-orders");
  expect(sent.status()).toBe(202);
  expect(await sent.json()).toMatchObject({ sentTo: address });
  const outbox = await (await member.get("/api/outbox")).json();
  expect(outbox.messages[0]).toMatchObject({ to: address, subject: "Find your Passerby guest orders" });
  expect(outbox.messages[0].links[0]).toMatch(/\/account\/claim\/[\w-]{40,}$/);

  const guest = await playwright.request.newContext({ baseURL });
  await guest.post("/api/session");
  const refused = await guest.post("/api/account/claim-orders");
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe("forbidden");
  await member.dispose();
  await guest.dispose();
});

test("over the API: the claim link previews (changing nothing), attaches once, and refuses everyone else", async ({
  playwright,
  baseURL,
}) => {
  const address = uniqueEmail("api-claim-link");
  const buyer = await playwright.request.newContext({ baseURL });
  await guestOrder(buyer, address);
  const [placed] = (await (await buyer.get("/api/orders")).json()).orders;

  const member = await playwright.request.newContext({ baseURL });
  await member.post("/api/auth/signup", { data: { email: address, password: PASSWORD } });
  await member.post("/api/account/claim-orders");
  const { messages } = await (await member.get("/api/outbox")).json();
  const token = (messages[0].links[0] as string).split("/").pop()!;
  const link = `/api/account/claim-orders/${token}`;

  const preview = await member.get(link);
  expect(preview.status()).toBe(200);
  expect(await preview.json()).toEqual({
    email: address,
    orders: [
      {
        id: placed.id,
        number: placed.number,
        createdAt: placed.createdAt,
        total: placed.total,
        items: [{ name: "Cedar Soy Candle", quantity: 1 }],
      },
    ],
  });
  expect((await (await member.get("/api/orders")).json()).orders).toEqual([]); // a preview attaches nothing

  // Not signed in, or signed in to another account: refused, and nothing is used up.
  const refusal = async (request: APIRequestContext, method: "GET" | "POST", path = link) => {
    const answer = await request.fetch(path, { method });
    return [answer.status(), (await answer.json()).error.code];
  };
  const stranger = await playwright.request.newContext({ baseURL });
  expect(await refusal(stranger, "GET")).toEqual([403, "forbidden"]);
  await stranger.post("/api/auth/signup", { data: { email: uniqueEmail("other"), password: PASSWORD } });
  expect(await refusal(stranger, "POST")).toEqual([403, "link_other_account"]);
  expect(await refusal(member, "GET", `${link}x`)).toEqual([404, "link_unknown"]);

  const claimed = await member.post(link);
  expect(claimed.status()).toBe(200);
  expect(await claimed.json()).toEqual({ orders: 1, message: "1 guest order was attached to your account." });
  expect((await (await member.get("/api/orders")).json()).orders.map((o: { id: string }) => o.id)).toEqual([placed.id]);
  expect(await refusal(member, "POST")).toEqual([410, "link_used"]);
  expect(await refusal(member, "GET")).toEqual([410, "link_used"]);
  for (const context of [buyer, member, stranger]) await context.dispose();
});
