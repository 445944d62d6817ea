// Journeys on a real SQLite file: events, the A/B variant, leads and the restore link.
import "./helpers/test-db";
import { account, guest, member } from "./helpers/fixtures";
import { testContext } from "./helpers/context";
import { nothingSet, refused } from "./helpers/refusals";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { before, test } from "node:test";
import { analytics, buildFunnel, lastDays, variantConversion } from "../lib/admin/analytics";
import { readCart } from "../lib/cart/cart";
import { db } from "../lib/db/client";
import { flushEvents, recordEvent } from "../lib/journeys/events";
import { variantFor, variantOf } from "../lib/session/variant";
import { recordExposure } from "../lib/journeys/exposure";
import { captureLead, claimRestoreToken, copyLines, leadInput, previewRestore, restoreCart } from "../lib/cart/leads";
import { migrateGuestSession } from "../lib/cart/migration";
import { listOutbox } from "../lib/mail/outbox";
import { resolveSession } from "../lib/session/check";
import { revokeSession } from "../lib/session/lifecycle";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";

before(async () => {
  await seedIfEmpty();
});

const tokenOf = (link: string) => link.split("/").pop()!;

test("the variant is a function of the session id, and both variants occur about evenly", () => {
  const ids = Array.from({ length: 400 }, () => `guest_${crypto.randomBytes(16).toString("base64url")}`);
  for (const id of ids.slice(0, 20)) assert.equal(variantFor(id), variantFor(id));
  const b = ids.filter((id) => variantFor(id) === "B").length;
  assert.ok(b > 120 && b < 280, `B was assigned ${b} times out of 400`);
  assert.equal(variantOf(null), "A");
  assert.equal(variantOf({ variant: "B" }), "B");
});

test("a guest session gets its variant at creation; the account keeps it, unless it has its own", async () => {
  const g1 = await guest();
  assert.equal(g1.variant, variantFor(g1.id));
  const fresh = await account();
  await migrateGuestSession({ guestSessionId: g1.id, userId: fresh.id, kind: "signup" });
  assert.equal((await db.user.findUniqueOrThrow({ where: { id: fresh.id } })).variant, g1.variant);

  const g2 = await guest();
  const other = g2.variant === "A" ? "B" : "A";
  const veteran = await account({ variant: other });
  await migrateGuestSession({ guestSessionId: g2.id, userId: veteran.id, kind: "login" });
  assert.equal((await db.user.findUniqueOrThrow({ where: { id: veteran.id } })).variant, other);
});

test("exposure is recorded once per guest session, and never for a visitor without one", async () => {
  const g = await guest();
  await Promise.all([recordExposure(g), recordExposure(g), recordExposure(g)]);
  await flushEvents();
  const events = await db.event.findMany({ where: { name: "experiment_exposure", guestSessionId: g.id } });
  assert.equal(events.length, 1);
  assert.deepEqual(JSON.parse(nth(events).properties), { experiment: "cta_copy", variant: g.variant });
  const before = await db.event.count();
  await recordExposure(null);
  await flushEvents();
  assert.equal(await db.event.count(), before);
});

test("migration re-attributes the guest's events to the account and keeps the guest id", async () => {
  const g = await guest();
  await recordEvent("product_view", g, { slug: "brass-pen" });
  await recordEvent("cart_add", g, { product: "brass-pen", quantity: 1 });
  const user = await account();
  const summary = await migrateGuestSession({ guestSessionId: g.id, userId: user.id, kind: "signup" });
  assert.equal(summary?.events, 2);
  const journey = await db.event.findMany({ where: { guestSessionId: g.id } });
  const states = Object.fromEntries(journey.map((e) => [e.name, e.authState]));
  assert.deepEqual(states, { product_view: "anonymous", cart_add: "anonymous", migration: "authenticated" });
  assert.ok(journey.every((e) => e.userId === user.id));
});

test("a lead is stored against the guest, sends an outbox message, and is converted at sign-up", async () => {
  const g = await guest([["soy-candle", 2]]);
  const sent = await captureLead(g, { email: "lead@example.com" }, "http://shop.test");
  assert.deepEqual({ email: sent.email, items: sent.items }, { email: "lead@example.com", items: 2 });
  const message = nth(await listOutbox(g));
  assert.equal(message.to, "lead@example.com");
  assert.match(nth(message.links), /^http:\/\/shop\.test\/cart\/restore\/[\w-]{43}$/);
  assert.match(message.text, /Cedar Soy Candle × 2/);
  assert.deepEqual(await listOutbox(await guest()), []); // nobody else's

  const user = await account();
  await migrateGuestSession({ guestSessionId: g.id, userId: user.id, kind: "signup" });
  const lead = await db.lead.findFirstOrThrow({ where: { guestSessionId: g.id } });
  assert.equal(lead.convertedUserId, user.id);
  assert.ok(lead.convertedAt);
  const outbox = await db.outboxMessage.findFirstOrThrow({ where: { guestSessionId: g.id } });
  assert.equal(outbox.userId, user.id);
});

test("leads are refused for an empty cart, a bad e-mail is stopped at the input", async () => {
  assert.equal(leadInput.safeParse({ email: "not-an-e-mail" }).success, false);
  await assert.rejects(
    captureLead(await guest(), { email: "a@example.com" }, "http://x"),
    refused("empty_cart", { status: 422 }),
  );
  await assert.rejects(captureLead(null, { email: "a@example.com" }, "http://x"), refused("empty_cart"));
});

test("the restore token is hashed at rest, works once, and copies the cart into another session", async () => {
  const g = await guest([["washi-tape-set", 3]]);
  await captureLead(g, { email: "r@example.com" }, "http://x");
  const token = tokenOf(nth(nth(await listOutbox(g)).links));
  const row = await db.restoreToken.findFirstOrThrow({ where: { guestSessionId: g.id } });
  assert.notEqual(row.tokenHash, token);
  assert.equal(row.tokenHash, crypto.createHash("sha256").update(token).digest("hex"));
  assert.equal(JSON.stringify(row).includes(token), false);

  assert.deepEqual(await claimRestoreToken(token, g.id), { status: "same_browser" });
  const other = await guest();
  const claim = await claimRestoreToken(token, other.id);
  assert.equal(claim.status, "claimed");
  if (claim.status === "claimed") assert.deepEqual(await copyLines(other, claim.lines), { added: 3, unavailable: 0 });
  const cart = await readCart({ guestSessionId: other.id }, "USD");
  assert.deepEqual(
    cart.items.map((i) => [i.slug, i.quantity]),
    [["washi-tape-set", 3]],
  );
  assert.deepEqual(await claimRestoreToken(token, (await guest()).id), { status: "used" });
});

test("a restored cart keeps the e-mailed cart's order, however fast its lines are added", async () => {
  const slugs = ["washi-tape-set", "morning-blend", "sencha-green-tea", "pour-over-kettle", "ceramic-dripper"];
  const g = await guest(slugs.map((slug) => [slug, 1]));
  await captureLead(g, { email: "order@example.com" }, "http://x");
  const other = await guest();
  const claim = await claimRestoreToken(tokenOf(nth(nth(await listOutbox(g)).links)), other.id);
  assert.equal(claim.status, "claimed");
  if (claim.status === "claimed") await copyLines(other, claim.lines);
  assert.deepEqual(
    (await readCart({ guestSessionId: other.id }, "USD")).items.map((i) => i.slug),
    slugs,
  );
});

test("one restore link opened by five cookie-less browsers at once: one restores and gets a session, the others get none", async () => {
  const g = await guest([["washi-tape-set", 2]]);
  await captureLead(g, { email: "race@example.com" }, "http://x");
  const token = tokenOf(nth(nth(await listOutbox(g)).links));
  const sessionsBefore = await db.guestSession.count();
  const browsers = Array.from({ length: 5 }, (_, i) => testContext(null, { ip: `203.0.113.${80 + i}` }));
  const results = await Promise.all(browsers.map((ctx) => restoreCart(ctx, token)));

  assert.deepEqual(results.map((r) => r.status).sort(), ["restored", "used", "used", "used", "used"]);
  const winner = nth(
    browsers,
    results.findIndex((r) => r.status === "restored"),
  );
  assert.ok(winner.jar.cookie, "the winner got a session cookie");
  const restored = (await resolveSession(winner.jar.cookie.seal)).session!;
  assert.deepEqual(
    (await readCart({ guestSessionId: restored.id }, "USD")).items.map((i) => [i.slug, i.quantity]),
    [["washi-tape-set", 2]],
  );
  for (const loser of browsers.filter((b) => b !== winner)) nothingSet(loser);
  assert.equal(await db.guestSession.count(), sessionsBefore + 1, "one new guest session, the winner's");
});

test("malformed, unknown and expired restore tokens explain themselves", async () => {
  assert.deepEqual(await claimRestoreToken("short", null), { status: "invalid" });
  assert.deepEqual(await claimRestoreToken("A".repeat(43), null), { status: "invalid" });
  const g = await guest([["brass-pen", 1]]);
  await captureLead(g, { email: "e@example.com" }, "http://x");
  const token = tokenOf(nth(nth(await listOutbox(g)).links));
  const later = new Date(
    Date.parse((await db.restoreToken.findFirstOrThrow({ where: { guestSessionId: g.id } })).expiresAt.toISOString()) +
      1000,
  );
  assert.deepEqual(await claimRestoreToken(token, null, later), { status: "expired" });
});

test("a restore link dies with its guest session, and the preview reads without using it up", async () => {
  const g = await guest([["brass-pen", 2]]);
  await captureLead(g, { email: "ended@example.com" }, "http://x");
  const token = tokenOf(nth(nth(await listOutbox(g)).links));
  const preview = await previewRestore(token, null);
  assert.deepEqual(preview, {
    status: "ready",
    lines: [{ name: "Brass Ballpoint Pen", quantity: 2, available: true }],
  });
  assert.equal(
    (await db.restoreToken.findFirstOrThrow({ where: { guestSessionId: g.id } })).usedAt,
    null,
    "previewing uses nothing",
  );
  await revokeSession(g);
  assert.deepEqual(await previewRestore(token, null), { status: "expired" });
  assert.deepEqual(await claimRestoreToken(token, (await guest()).id), { status: "expired" });
});

test("the funnel gives each stage its share of the one before and of the start", () => {
  assert.deepEqual(buildFunnel({ guestSessions: 200, cart: 80, checkout: 20, order: 10 }), [
    { stage: "guest session", sessions: 200, ofPrevious: 1, ofStart: 1 },
    { stage: "cart", sessions: 80, ofPrevious: 0.4, ofStart: 0.4 },
    { stage: "checkout", sessions: 20, ofPrevious: 0.25, ofStart: 0.1 },
    { stage: "order", sessions: 10, ofPrevious: 0.5, ofStart: 0.05 },
  ]);
  assert.deepEqual(
    buildFunnel({ guestSessions: 0, cart: 0, checkout: 0, order: 0 }).map((s) => s.ofStart),
    [0, 0, 0, 0],
  );
});

test("variant conversion adds up the exposed sessions per variant, and the converted among them", () => {
  const rows = [
    { variant: "A", converted: true, count: 3 },
    { variant: "A", converted: false, count: 1 },
    { variant: "B", converted: true, count: 2 },
    { variant: null, converted: true, count: 5 },
  ];
  assert.deepEqual(variantConversion(rows), {
    A: { exposed: 4, converted: 3, conversionRate: 0.75 },
    B: { exposed: 2, converted: 2, conversionRate: 1 },
  });
});

test("the per-day series covers the last 14 UTC days, oldest first, each a day long", () => {
  const days = lastDays(new Date("2026-11-26T12:00:00Z"));
  assert.equal(days.length, 14);
  assert.deepEqual(days[0], {
    date: "2026-11-13",
    from: new Date("2026-11-13T00:00:00Z"),
    to: new Date("2026-11-14T00:00:00Z"),
  });
  assert.equal(nth(days, 13).date, "2026-11-26");
});

test("an admin reads every message, with the restore links hidden", async () => {
  const g = await guest([["brass-pen", 1]]);
  await captureLead(g, { email: "hidden@example.com" }, "http://x");
  const admin = await member({ isAdmin: true });
  const view = (await listOutbox(admin)).find((m) => m.to === "hidden@example.com")!;
  assert.deepEqual(view.links, ["http://x/cart/restore/[hidden]"]);
  assert.doesNotMatch(view.text, /restore\/[\w-]{43}/);
  assert.match(nth(nth(await listOutbox(g)).links), /restore\/[\w-]{43}$/); // the guest still has it
});

test("the funnel counts journeys: an order placed without a checkout_started event still counts at checkout, so no stage exceeds the one before", async () => {
  const session = await member({ isAdmin: true });
  const before = (await analytics(session)).funnel;
  const [browsing, buying, apiBuyer] = [await guest([]), await guest([]), await guest([])];
  await recordEvent("cart_add", browsing);
  await recordEvent("cart_add", buying);
  await recordEvent("cart_add", buying); // twice: still one journey
  await recordEvent("checkout_started", buying);
  await recordEvent("order_placed", buying);
  await recordEvent("cart_add", apiBuyer);
  await recordEvent("order_placed", apiBuyer); // through POST /api/checkout: no checkout page
  const after = (await analytics(session)).funnel;
  assert.deepEqual(
    {
      guestSessions: after.guestSessions - before.guestSessions,
      cart: after.cart - before.cart,
      checkout: after.checkout - before.checkout,
      order: after.order - before.order,
    },
    { guestSessions: 3, cart: 3, checkout: 2, order: 2 },
  );
  assert.ok(after.guestSessions >= after.cart && after.cart >= after.checkout && after.checkout >= after.order);
});
