import { expect, test } from "@playwright/test";
import { PASSWORD } from "./helpers";

// The checkout, orders and payment-method routes, as a programmatic client sees them.

const json = { "content-type": "application/json" };
let n = 0;
const email = () => `apibuyer${Date.now()}${++n}@example.com`;
const order = (card = "4242 4242 4242 4242", over: Record<string, unknown> = {}) => ({
  email: "guest@example.com",
  name: "Grace Hopper",
  address: { line1: "1 Harbor St", city: "Arlington", postalCode: "22201", country: "US" },
  card: { number: card, expMonth: 12, expYear: 2030, cvc: "123" },
  ...over,
});

test("a guest checks out: 201 with the order, the cart is emptied, the order is the guest's alone", async ({
  request,
  playwright,
  baseURL,
}) => {
  await request.post("/api/cart/items", { headers: json, data: { slug: "bamboo-board", quantity: 2 } });
  await request.put("/api/preferences", { headers: json, data: { currency: "JPY" } });
  const placed = await request.post("/api/checkout", { headers: json, data: order() });
  expect(placed.status()).toBe(201);
  const body = (await placed.json()).order;
  expect(body).toMatchObject({ status: "paid", email: "guest@example.com", total: { currency: "JPY" } });
  expect(body.id).toMatch(/^ord_/);
  expect(body.items).toEqual([expect.objectContaining({ name: "Bamboo Cutting Board", quantity: 2 })]);
  expect(body.total.amount).toBe(body.items[0].unitPrice.amount * 2);
  expect(JSON.stringify(body)).not.toContain("4242 4242");
  expect((await (await request.get("/api/cart")).json()).items).toEqual([]);

  const mine = await (await request.get("/api/orders")).json();
  expect(mine.orders.map((o: { id: string }) => o.id)).toEqual([body.id]);
  expect((await request.get(`/api/orders/${body.id}`)).status()).toBe(200);

  const stranger = await playwright.request.newContext({ baseURL });
  const theirs = await stranger.get(`/api/orders/${body.id}`);
  expect(theirs.status()).toBe(404);
  expect((await theirs.json()).error.code).toBe("not_found");
  expect((await stranger.get("/api/orders/ord_guessedguessedguessed")).status()).toBe(404);
  await stranger.dispose();
});

test("declined, invalid, empty and short: 402, 422, 422 and 409, and nothing changes", async ({ request }) => {
  const empty = await request.post("/api/checkout", { headers: json, data: order() });
  expect(empty.status()).toBe(422);
  expect((await empty.json()).error.code).toBe("empty_cart");

  await request.post("/api/cart/items", { headers: json, data: { slug: "linen-apron" } });
  const declined = await request.post("/api/checkout", { headers: json, data: order("4000 0000 0000 0002") });
  expect(declined.status()).toBe(402);
  expect((await declined.json()).error).toMatchObject({
    code: "card_declined",
    message: expect.stringContaining("declined"),
  });

  for (const bad of [
    order("4242 4242 4242 4241"),
    order(undefined, { card: { number: "4242424242424242", expMonth: 1, expYear: 2020, cvc: "123" } }),
    order(undefined, { address: { line1: "1 Harbor St", city: "Arlington", postalCode: "22201", country: "ZZ" } }),
    order(undefined, { email: "nope" }),
    { email: "guest@example.com" },
  ]) {
    const refused = await request.post("/api/checkout", { headers: json, data: bad });
    expect(refused.status()).toBe(422);
    const error = (await refused.json()).error;
    expect(error.code).toMatch(/^(invalid_input|invalid_card)$/);
    expect(error.message.length).toBeGreaterThan(10);
  }
  expect((await (await request.get("/api/orders")).json()).orders).toEqual([]);
  expect((await (await request.get("/api/cart")).json()).items).toHaveLength(1);
});

test("a card with three problems: one 422 names them all, in its sentence and field by field, and nothing changes", async ({
  request,
}) => {
  await request.post("/api/cart/items", { headers: json, data: { slug: "linen-apron" } });
  const badCard = { number: "4242 4242 4242 4241", expMonth: 11, expYear: 2020, cvc: "12" };
  const refused = await request.post("/api/checkout", { headers: json, data: order(undefined, { card: badCard }) });
  expect(refused.status()).toBe(422);
  const problems = {
    "card.number": "That card number is not valid. Check it and try again.",
    "card.expYear": "This card has expired.",
    "card.cvc": "The security code is the 3 digits on the back of the card.",
  };
  expect((await refused.json()).error).toEqual({
    code: "invalid_card",
    message: Object.values(problems).join(" "),
    fields: problems,
  });

  // A missing name as well: still one answer, now invalid_input, naming the four in the body's order.
  const { name: _name, ...nameless } = order(undefined, { card: badCard });
  const more = await request.post("/api/checkout", { headers: json, data: nameless });
  expect(more.status()).toBe(422);
  const error = (await more.json()).error;
  expect(error.code).toBe("invalid_input");
  expect(Object.entries(error.fields)).toEqual([["name", "Enter your name."], ...Object.entries(problems)]);
  expect(error.message).toBe(["Enter your name.", ...Object.values(problems)].join(" "));

  expect((await (await request.get("/api/orders")).json()).orders).toEqual([]);
  expect((await (await request.get("/api/cart")).json()).items).toHaveLength(1);
});

test("the last units: a cart that asks for more than is left gets 409 naming the product, and keeps its cart", async ({
  playwright,
  baseURL,
}) => {
  const a = await playwright.request.newContext({ baseURL });
  const b = await playwright.request.newContext({ baseURL });
  const stockOf = async () =>
    ((await (await a.get("/api/products")).json()).products as { slug: string; stock: number }[]).find(
      (p) => p.slug === "wool-throw",
    )!.stock;
  const stock = await stockOf();
  expect(stock).toBeGreaterThan(1);
  expect(
    (await a.post("/api/cart/items", { headers: json, data: { slug: "wool-throw", quantity: stock } })).status(),
  ).toBe(200);
  await b.post("/api/cart/items", { headers: json, data: { slug: "wool-throw", quantity: 1 } });
  expect((await b.post("/api/checkout", { headers: json, data: order() })).status()).toBe(201);

  const short = await a.post("/api/checkout", { headers: json, data: order() });
  expect(short.status()).toBe(409);
  expect((await short.json()).error).toMatchObject({
    code: "out_of_stock",
    message: expect.stringContaining("Merino Wool Throw"),
  });
  expect((await (await a.get("/api/cart")).json()).items).toEqual([
    expect.objectContaining({ slug: "wool-throw", quantity: stock }),
  ]);
  expect(await stockOf()).toBe(stock - 1);
  expect((await (await a.get("/api/orders")).json()).orders).toEqual([]);
  await a.dispose();
  await b.dispose();
});

test("guests cannot save cards; members save one with their password and pay with it", async ({
  request,
  playwright,
  baseURL,
}) => {
  const card = { number: "5555 5555 5555 4444", expMonth: 10, expYear: 2032, cvc: "999" };
  const guestTry = await request.post("/api/payment-methods", { headers: json, data: { card, password: PASSWORD } });
  expect(guestTry.status()).toBe(403);

  const member = await playwright.request.newContext({ baseURL });
  await member.post("/api/auth/signup", { headers: json, data: { email: email(), password: PASSWORD } });
  const wrong = await member.post("/api/payment-methods", {
    headers: json,
    data: { card, password: "wrong password!" },
  });
  expect(wrong.status()).toBe(401);
  const saved = await member.post("/api/payment-methods", { headers: json, data: { card, password: PASSWORD } });
  expect(saved.status()).toBe(201);
  const method = (await saved.json()).paymentMethod;
  expect(method).toMatchObject({ brand: "mastercard", last4: "4444" });
  expect(method.id).toBeTruthy();

  await member.post("/api/cart/items", { headers: json, data: { slug: "ceramic-dripper" } });
  const { card: _card, ...rest } = order();
  const paid = await member.post("/api/checkout", { headers: json, data: { ...rest, paymentMethodId: method.id } });
  expect(paid.status()).toBe(201);
  expect((await paid.json()).order.payment).toEqual({ brand: "mastercard", last4: "4444" });
  expect((await (await member.get("/api/orders")).json()).orders).toHaveLength(1);
  await member.dispose();
});

test("a guest's double (five-fold) submit of a checkout: the buyer keeps the rotated session and sees the order", async ({
  page,
}) => {
  // page.request shares the browser context's cookie jar: five submits from one browser. The race
  // the losers lose is a timing one, so it is run several times.
  for (let round = 0; round < 5; round++) {
    expect(
      (await page.request.post("/api/cart/items", { headers: json, data: { slug: "soy-candle", quantity: 1 } })).ok(),
    ).toBe(true);
    const before = (await (await page.request.get("/api/session")).json()).anonymousSession.sessionId;
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => page.request.post("/api/checkout", { headers: json, data: order() })),
    );
    const placed = answers.filter((a) => a.status() === 201);
    expect(placed, `round ${round}: one order`).toHaveLength(1);
    const { id } = (await placed[0]!.json()).order; // one, as just checked

    const now = await page.request.get("/api/session");
    expect(now.status(), `round ${round}: the browser still has a session`).toBe(200);
    const after = (await now.json()).anonymousSession.sessionId;
    expect(after, `round ${round}: the rotated one`).not.toBe(before);
    expect((await page.request.get(`/api/orders/${id}`)).status(), `round ${round}: the buyer sees the order`).toBe(
      200,
    );
  }
  await page.goto("/session");
  await expect(page.getByRole("heading", { name: "You have a guest session" })).toBeVisible();
});
