import { expect, test, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import fc from "fast-check";
import { ADMIN, addFromProductPage, signUp, uniqueEmail } from "./helpers";

// Every server action is a public endpoint: its id is in the page, and anyone can post a form to
// it with any field names. Whatever the names (`__proto__.x`, thousands of fields, unicode), the
// answer is a page with a sentence or the normal answer, never a 500, and the server answers
// everyone else exactly as before: a name that once reached Object.prototype broke the health
// check, every JSON write and the product list until a restart.

/** Names that must be refused with a sentence: each could reach a prototype, or is malformed. */
const HOSTILE_NAMES = [
  "__proto__.x",
  "constructor.prototype.x",
  "a.__proto__.polluted",
  "__proto__",
  "prototype.x",
  "x..y",
  "a.b.c.d.e",
];

/** What an ordinary new client sees: compared before and after, it must not change. */
async function ordinaryAnswers(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined) {
  const request = await playwright.request.newContext({ baseURL });
  const health = await request.get("/api/health");
  const products = await request.get("/api/products");
  const add = await request.post("/api/cart/items", { data: { slug: "soy-candle", quantity: 2 } });
  const answers = {
    health: [health.status(), await health.json()],
    products: [products.status(), ((await products.json()).products as { slug: string }[]).map((p) => p.slug)],
    add: [add.status(), ((await add.json()).items as { quantity: number }[] | undefined)?.map((i) => i.quantity)],
  };
  await request.dispose();
  return answers;
}

type Sent = { form: string; status: number; text: string };

/**
 * Posts every server-action form on the page (once per action), as a browser without JavaScript
 * would, with its own fields plus the extra ones, and returns each answer.
 */
async function postEveryForm(page: Page, extra: [string, string][]): Promise<Sent[]> {
  return page.evaluate(async (extra) => {
    const seen = new Set<string>();
    const out: { form: string; status: number; text: string }[] = [];
    for (const form of Array.from(document.querySelectorAll("form"))) {
      const data = new FormData(form);
      const action = [...data.keys()].find((k) => k.startsWith("$ACTION_ID_")) ?? String(data.get("$ACTION_1:0") ?? "");
      // Log out reads no fields at all: posting it, whatever the names, logs out (the normal answer).
      if (!action || seen.has(action) || form.querySelector("button")?.textContent?.trim() === "Log out") continue;
      seen.add(action);
      for (const [name, value] of extra) data.append(name, value);
      const response = await fetch(location.pathname + location.search, {
        method: "POST",
        body: data,
        redirect: "manual",
      });
      const label = form.getAttribute("aria-label") ?? form.querySelector("button")?.textContent ?? action.slice(0, 40);
      out.push({
        form: `${location.pathname} ${label}`,
        status: response.status,
        text: response.type === "opaqueredirect" ? "" : await response.text(),
      });
    }
    return out;
  }, extra);
}

function expectAnswered(sent: Sent[], name: string, refused: boolean) {
  for (const { form, status, text } of sent) {
    expect(status, `${form} with ${name}`).toBeLessThan(500);
    expect(text, `${form} with ${name}`).not.toContain("Something went wrong on our side");
    // Forms read through the form wrapper refuse the name with a sentence; the two link buttons
    // (restore a cart, attach orders) read only their token and ignore every other field.
    if (refused && status === 200 && !/Restore|Attach/i.test(form))
      expect(text, `${form} with ${name}`).toMatch(/no field named|at most 100 fields/);
  }
}

/** Attacks every form of each page; returns how many distinct forms were attacked. */
async function attackEveryForm(page: Page, paths: string[]) {
  let forms = 0;
  for (const path of paths) {
    await page.goto(path);
    for (const name of HOSTILE_NAMES) {
      const sent = await postEveryForm(page, [[name, "1"]]);
      expectAnswered(sent, name, true);
    }
    forms += await page.locator("form:has(input[name^='$ACTION_'])").count();
    const thousands = Array.from({ length: 5_000 }, (_, i): [string, string] => [`f${i}.__proto__.x${i}`, "1"]);
    expectAnswered(await postEveryForm(page, thousands), "5,000 fields", true);
  }
  return forms;
}

test("hostile field names on every form, as a guest, a member and the administrator: a sentence each, and the server answers as before", async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const before = await ordinaryAnswers(playwright, baseURL);
  expect(before).toMatchObject({ health: [200, { status: "ok" }], add: [200, [2]] });

  const guest = await (await browser.newContext()).newPage();
  await addFromProductPage(guest, "soy-candle");
  expect(
    await attackEveryForm(guest, [
      "/",
      "/products/soy-candle",
      "/cart",
      "/checkout",
      "/signup",
      "/login",
      "/session",
      "/currency",
      "/deals",
    ]),
  ).toBeGreaterThanOrEqual(9);

  const member = await (await browser.newContext()).newPage();
  await signUp(member, uniqueEmail("hostile-forms"));
  expect(await attackEveryForm(member, ["/account", "/cart"])).toBeGreaterThanOrEqual(4);

  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/login");
  await admin.getByLabel("E-mail").fill(ADMIN.email);
  await admin.getByLabel("Password").fill(ADMIN.password);
  await admin.getByRole("button", { name: "Log in" }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  expect(await attackEveryForm(admin, ["/admin", "/admin/sessions?q=x"])).toBeGreaterThanOrEqual(1);

  // Still the guest with the same cart, the member still signed in, everyone else as before.
  await guest.goto("/cart");
  await expect(
    guest.getByRole("list", { name: "Cart items" }).getByRole("listitem", { name: "Cedar Soy Candle" }),
  ).toBeVisible();
  expect((await (await member.request.get("/api/session")).json()).authenticatedSession?.type).toBe("authenticated");
  expect(await ordinaryAnswers(playwright, baseURL)).toEqual(before);
});

test("arbitrary field names and values (dots, prototype words, unicode) on the sign-up and add-to-cart forms: never a 500, and the next ordinary requests answer as before", async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const before = await ordinaryAnswers(playwright, baseURL);
  const onlooker = await playwright.request.newContext({ baseURL });
  const segment = fc.oneof(
    fc.constantFrom(
      "__proto__",
      "constructor",
      "prototype",
      "x",
      "email",
      "password",
      "quantity",
      "slug",
      "",
      "toString",
    ),
    fc.string({ maxLength: 6 }),
    fc.string({ unit: "grapheme", maxLength: 3 }),
  );
  const names = fc.array(
    fc.tuple(
      fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join(".")),
      fc.string({ maxLength: 12 }),
    ),
    { minLength: 1, maxLength: 8 },
  );
  for (const path of ["/signup", "/products/brass-pen"]) {
    await page.goto(path);
    await fc.assert(
      fc.asyncProperty(names, async (extra) => {
        for (const { form, status, text } of await postEveryForm(page, extra)) {
          expect(status, `${form}: ${JSON.stringify(extra)}`).toBeLessThan(500);
          expect(text, `${form}: ${JSON.stringify(extra)}`).not.toContain("Something went wrong on our side");
        }
        expect((await onlooker.get("/api/health")).status()).toBe(200);
      }),
      { numRuns: 40 },
    );
  }
  await onlooker.dispose();
  expect(await ordinaryAnswers(playwright, baseURL)).toEqual(before);
});
