// The dashboard's figures against a known script of journeys, driven through the shop's own code
// on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL): guests adding to their cart,
// checking out (a rotation to a new session id), signing up, logging in with each cart choice,
// e-mailing a cart and restoring it in another browser, ending, idling out; and a member's order.
import "./helpers/test-db";
import { account, member, ownProduct, PASSWORD, uniqueEmail } from "./helpers/fixtures";
import { testContext } from "./helpers/context";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { logIn, signUp } from "../lib/accounts/accounts";
import { analytics } from "../lib/admin/analytics";
import { dashboardTables, tableCsv } from "../lib/admin/tables";
import { addToCart } from "../lib/cart/cart";
import { captureLead, restoreCart } from "../lib/cart/leads";
import type { CartChoice } from "../lib/cart/merge";
import { placeOrder } from "../lib/checkout/checkout";
import { db } from "../lib/db/client";
import { hotWrite } from "../lib/db/sql";
import { recordExposure } from "../lib/journeys/exposure";
import { listOutbox } from "../lib/mail/outbox";
import { revokeSession } from "../lib/session/lifecycle";
import { expireGuestSessions } from "../lib/session/store";
import type { Session } from "../lib/session/types";
import { seedIfEmpty } from "../prisma/seed";

before(async () => {
  await seedIfEmpty();
});

const checkout = {
  email: "buyer@example.com",
  name: "Ada Lovelace",
  address: { line1: "1 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" },
  card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" },
};

let address = 0;
/** A new browser: its own address, so no rate limit of another journey applies. */
const browser = (session: Session | null = null) => testContext(session, { ip: `198.51.100.${++address}` });

/** A guest's first write starts the journey: adding `quantity` of `slug` to a cart. */
const shopper = (slug: string, quantity = 1) => addToCart(browser(), { slug, quantity });

test("the dashboard counts journeys, not session rows, and every figure matches the script", async () => {
  const admin = await member({ isAdmin: true });
  const [pen, mug] = [await ownProduct("dash", 100, 1000), await ownProduct("dash", 100, 2500)];

  // 1. Browses and leaves a cart: still active.
  const browsing = await shopper(pen.slug);
  await recordExposure(browsing);
  // 2. Checks out as a guest (the session moves to a new id), then signs up from the confirmation.
  const buying = await shopper(pen.slug, 2);
  await recordExposure(buying);
  const { nextSession: afterOrder } = await placeOrder(buying, checkout);
  assert.ok(afterOrder && afterOrder.id !== buying.id, "checkout rotated the guest session");
  await signUp(browser(afterOrder), { email: uniqueEmail("dash"), password: PASSWORD });
  // 3. Checks out as a guest and stays a guest.
  const once = await shopper(mug.slug);
  await placeOrder(once, checkout);
  // 4. Signs up with a cart: the new account takes it whole (no choice offered).
  const joining = await shopper(mug.slug);
  await recordExposure(joining);
  await signUp(browser(joining), { email: uniqueEmail("dash"), password: PASSWORD });
  // 5–7. Logs in to an account that has a cart, with each choice.
  const choices: CartChoice[] = ["combine", "keep_account", "use_guest"];
  let combining: Session | null = null;
  for (const [i, cartChoice] of choices.entries()) {
    const returning = await shopper(pen.slug);
    if (i === 0) await recordExposure((combining = returning));
    const owner = await account({ lines: [[mug.slug, 1]] });
    await logIn(browser(returning), { email: owner.email, password: PASSWORD, cartChoice });
  }
  // 8. E-mails the cart; the link is opened in another browser (9.: restored, and a journey of
  // its own); then 8 ends its session with the items still in its cart: abandoned.
  const leaving = await shopper(pen.slug);
  await captureLead(leaving, { email: "later@example.com" }, "http://localhost:3000");
  const link = (await listOutbox(leaving))[0]!.links[0]!;
  const restored = await restoreCart(browser(), link.split("/").pop()!);
  assert.equal(restored.status, "restored");
  await revokeSession(leaving);
  // 10. Runs out of time with a cart, its last activity at midnight today; the sweep marks it expired.
  const idle = await shopper(mug.slug);
  const midnight = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  await db.guestSession.update({ where: { id: idle.id }, data: { lastSeenAt: midnight, expiresAt: midnight } });
  const beforeSweep = await analytics(admin, new Date());
  assert.equal(beforeSweep.carts.abandoned, 2, "over but not yet swept: abandoned already");
  assert.equal(await hotWrite((tx) => expireGuestSessions(tx, new Date(), new Date(0), 100)), 1);
  // A member's order: counted in orders and revenue, not as a guest's.
  const buyer = await member({ lines: [[pen.slug, 1]] });
  await placeOrder(buyer, checkout);

  const figures = await analytics(admin, new Date());
  const today = new Date().toISOString().slice(0, 10);

  assert.equal(figures.funnel.guestSessions, 10, "ten journeys, though checkout made two more session rows");
  assert.equal(figures.funnel.order, 2);
  assert.deepEqual(figures.guestSessions, { active: 3, expired: 1, converted: 5, revoked: 1 });
  assert.equal(figures.conversionRate, 0.5);
  assert.equal(figures.signupCarts, 1, "the guest who signed up after checking out had an empty cart");
  assert.deepEqual(figures.cartChoices, { combine: 1, keep_account: 1, use_guest: 1 });
  assert.equal(figures.cartsMigrated, 4);
  assert.deepEqual(figures.range, { from: figures.daily[0]!.date, to: today });
  assert.equal(figures.daily.length, 30);
  assert.deepEqual(figures.journeys, {
    journeys: 10,
    signups: 2,
    logins: 3,
    guestOrders: 2,
    conversionToAccount: 0.5,
    conversionToOrder: 0.2,
  });
  assert.deepEqual(figures.orders, {
    count: 3,
    byCurrency: [
      {
        currency: "USD",
        orders: 3,
        revenue: { amount: 2 * 1000 + 2500 + 1000, currency: "USD" },
        averageOrderValue: { amount: 1833, currency: "USD" },
      },
    ],
  });
  assert.deepEqual(figures.carts, { emailed: 1, restored: 1, abandoned: 2 });
  assert.deepEqual(figures.daily.at(-1), {
    date: today,
    journeys: 10,
    signups: 2,
    logins: 3,
    guestOrders: 2,
    orders: 3,
    emailed: 1,
    restored: 1,
    abandoned: 2,
  });
  assert.ok(figures.daily.slice(0, -1).every((d) => d.journeys === 0 && d.orders === 0));
  assert.deepEqual(figures.conversionsByDay.at(-1), { date: today, guestSessions: 10, converted: 5 });

  // The A/B test: the exposed journeys per variant (a checkout's rotation is not a second one).
  const exposed = [
    { session: browsing, converted: false },
    { session: buying, converted: true },
    { session: joining, converted: true },
    { session: combining!, converted: true },
  ];
  for (const variant of ["A", "B"] as const) {
    const mine = exposed.filter((e) => e.session.type === "anonymous" && e.session.variant === variant);
    const shown = figures.abTest.variants.find((v) => v.variant === variant)!;
    assert.deepEqual(
      { sample: shown.sample, converted: shown.converted },
      { sample: mine.length, converted: mine.filter((e) => e.converted).length },
      `variant ${variant}`,
    );
    assert.equal(figures.experiments.cta_copy[variant].exposed, mine.length);
  }
  assert.equal(figures.abTest.enoughData, false);

  // The day-by-day table as a spreadsheet gets it.
  const csv = tableCsv(dashboardTables(figures).daily);
  assert.equal(
    csv.split("\r\n")[0],
    "Day,Guest journeys started,Sign-ups,Log-ins,Converted to an account,Orders by guests,Converted to an order,All orders,Carts e-mailed,Carts restored,Carts abandoned",
  );
  assert.ok(csv.includes(`\r\n${today},10,2,3,0.5,2,0.2,3,1,1,2\r\n`), csv);

  // A range: one day, today; and yesterday alone has nothing.
  const one = await analytics(admin, new Date(), { from: today, to: today });
  assert.deepEqual(one.journeys, figures.journeys);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const before = await analytics(admin, new Date(), { from: yesterday, to: yesterday });
  assert.deepEqual(before.carts, { emailed: 0, restored: 0, abandoned: 0 });
  assert.equal(before.orders.count, 0);
});

test("only an admin reads the figures, and a bad range is refused naming its field", async () => {
  await assert.rejects(analytics(await member(), new Date()), { code: "forbidden" });
  await assert.rejects(analytics(null, new Date()), { code: "forbidden" });
  const admin = await member({ isAdmin: true });
  await assert.rejects(analytics(admin, new Date(), { from: "2026-12-10", to: "2026-12-01" }), {
    code: "invalid_input",
    details: { field: "from", fields: { from: "The start date must be on or before the end date." } },
  });
});
