import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { ADMIN } from "./helpers";

// The operator's dashboard as the admin reads it: a guest's checkout counted as one journey, the
// figures for a date range chosen in a form (with and without JavaScript), the A/B test's verdict,
// each table downloaded as CSV, and axe at a phone's size and a desktop's.

const json = { "content-type": "application/json" };
const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

async function axe(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(violations.map((v) => `${label}: ${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
}

/** Elements that reach past the right edge of a phone's screen (the page would scroll sideways). */
const pastTheEdge = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .filter((el) => !el.closest("[role=region][tabindex]")) // a table scrolls inside its own region
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)})`),
  );

async function logInAsAdmin(page: Page) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

test("a guest's checkout is one journey on the dashboard, though it gets a new session id", async ({
  page,
  playwright,
  baseURL,
}) => {
  await logInAsAdmin(page);
  const range = `from=${today()}&to=${today()}`;
  const figures = async () => (await page.request.get(`/api/admin/analytics?${range}`)).json();
  const before = await figures();
  const guest = await playwright.request.newContext({ baseURL });
  await guest.post("/api/cart/items", { headers: json, data: { slug: "brass-pen", quantity: 2 } });
  const placed = await guest.post("/api/checkout", {
    headers: json,
    data: {
      email: "one-journey@example.com",
      name: "Ada Lovelace",
      address: { line1: "1 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" },
      card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" },
    },
  });
  expect(placed.status()).toBe(201);
  const after = await figures();
  expect(after.range).toEqual({ from: today(), to: today() });
  expect(after.funnel.guestSessions - before.funnel.guestSessions).toBe(1);
  expect(after.journeys.journeys - before.journeys.journeys).toBe(1);
  expect(after.journeys.guestOrders - before.journeys.guestOrders).toBe(1);
  expect(after.orders.count - before.orders.count).toBe(1);
  expect(after.guestSessions.revoked).toBe(before.guestSessions.revoked); // the rotation is not "ended by the guest"
  expect(after.guestSessions.active - before.guestSessions.active).toBe(1);
  await guest.dispose();

  // The JSON route and the CSV route refuse others and bad input with a sentence.
  const bad = await page.request.get("/api/admin/analytics?from=2026-02-30");
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error).toMatchObject({ code: "invalid_input", fields: { from: /YYYY-MM-DD/ } });
  const noTable = await page.request.get(`/api/admin/analytics.csv?table=secrets&${range}`);
  expect(noTable.status()).toBe(422);
  expect((await noTable.json()).error.message).toBe("Choose a table: daily, orders, ab-test, carts.");
  const stranger = await playwright.request.newContext({ baseURL });
  expect((await stranger.get(`/api/admin/analytics.csv?table=daily&${range}`)).status()).toBe(403);
  await stranger.dispose();
});

test("the admin chooses a date range, reads the figures and the A/B verdict, and downloads a table as CSV", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000); // axe at two sizes, a range, every table and a download: ~20 s on a quiet machine
  await logInAsAdmin(page);
  await expect(page.getByRole("heading", { name: `From ${daysAgo(29)} to ${today()}` })).toBeVisible();
  await expect(
    page.getByText(/guest journeys became an account: a sign-up or a log-in from the guest session/),
  ).toBeVisible();
  for (const size of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    await axe(page, `/admin at ${size.width}`);
    expect(await pastTheEdge(page)).toEqual([]);
  }

  const form = page.getByRole("form", { name: "Date range" });
  await expect(form.getByLabel("From")).toHaveValue(daysAgo(29));
  await form.getByLabel("From").fill(daysAgo(1));
  await form.getByLabel("To").fill(today());
  await form.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin\\?from=${daysAgo(1)}&to=${today()}$`));
  await expect(page.getByRole("heading", { name: `From ${daysAgo(1)} to ${today()}` })).toBeVisible();

  const daily = page.getByRole("table", { name: `Day by day, ${daysAgo(1)} to ${today()} (UTC)` });
  await expect(daily.getByRole("columnheader", { name: "Converted to an order" })).toBeVisible();
  await expect(daily.getByRole("row")).toHaveCount(3); // the headers, yesterday, today
  const todayRow = daily.getByRole("row", { name: new RegExp(`^${today()}`) });
  await expect(todayRow.getByRole("rowheader")).toHaveText(today());
  await expect(
    page.getByRole("table", { name: /^Orders and revenue by currency/ }).getByRole("rowheader", { name: "USD" }),
  ).toBeVisible();
  await expect(
    page.getByRole("table", { name: /^Carts,/ }).getByRole("rowheader", { name: /^abandoned/ }),
  ).toBeVisible();
  await expect(
    page.getByRole("table", { name: /^A\/B test cta_copy/ }).getByRole("columnheader", { name: "95% interval, low" }),
  ).toBeVisible();
  await expect(
    page.getByText(/^Not enough data yet: the test needs at least 100 guests shown each variant/),
  ).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: `Download CSV: Day by day, ${daysAgo(1)} to ${today()} (UTC)` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`passerby-daily-${daysAgo(1)}-to-${today()}.csv`);
  const lines = fs
    .readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe(
    "Day,Guest journeys started,Sign-ups,Log-ins,Converted to an account,Orders by guests,Converted to an order,All orders,Carts e-mailed,Carts restored,Carts abandoned",
  );
  expect(lines.map((l) => l.split(",")[0])).toEqual(["Day", daysAgo(1), today()]);

  // A range that can't be: each problem beside its field, the last 30 days shown instead.
  await page.goto("/admin?from=2026-02-30&to=someday");
  const again = page.getByRole("form", { name: "Date range" });
  await expect(again.getByLabel("From")).toHaveAccessibleDescription(/Enter the start date as YYYY-MM-DD/);
  await expect(again.getByLabel("To")).toHaveAccessibleDescription(/Enter the end date as YYYY-MM-DD/);
  await expect(page.getByRole("alert").filter({ hasText: "these are the last 30 days instead" })).toBeVisible();
  for (const size of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    await axe(page, `/admin with a bad range at ${size.width}`);
  }

  // Without JavaScript the form works the same: it is a plain GET.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await noScript.addCookies(await page.context().cookies());
  const plain = await noScript.newPage();
  await plain.goto("/admin");
  const plainForm = plain.getByRole("form", { name: "Date range" });
  await plainForm.getByLabel("From").fill(today());
  await plainForm.getByRole("button", { name: "Show" }).click();
  await expect(plain.getByRole("heading", { name: `From ${today()} to ${today()}` })).toBeVisible();
  await noScript.close();
});
