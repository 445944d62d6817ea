// The account's own security as a member sees it (lib/accounts/sessions.ts, lib/accounts/account.ts):
// "Your sessions", ending them, changing the password and deleting the account, checked by the cookies.
import "./helpers/test-db";
import { account, guest, PASSWORD } from "./helpers/fixtures";
import { nothingSet, refused } from "./helpers/refusals";
import { testContext } from "./helpers/context";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { changePassword, deleteAccount } from "../lib/accounts/account";
import { logIn } from "../lib/accounts/accounts";
import { verifyPassword } from "../lib/accounts/passwords";
import { addPaymentMethod } from "../lib/accounts/payment-methods";
import { deviceLabel, endOtherSessions, endSessionByHandle, listSessions } from "../lib/accounts/sessions";
import { addItem } from "../lib/cart/cart";
import { placeOrder, type CheckoutInput } from "../lib/checkout/checkout";
import { sendMessage } from "../lib/mail/outbox";
import { db } from "../lib/db/client";
import { createUserSession, revokeSession } from "../lib/session/lifecycle";
import { resolveSession } from "../lib/session/check";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";
import { windowWithRoomFor } from "./helpers/windows";
import { config } from "../lib/config";

const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_ON_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const CHROME_ON_ANDROID =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

before(async () => {
  await seedIfEmpty();
});

/** The account signed in on a device: that device's cookie value, its session id, and the session it resolves to. */
async function signIn(userId: string, userAgent = FIREFOX_ON_WINDOWS) {
  const { id, seal } = await createUserSession(userId, null, new Date(), userAgent);
  const { session } = await resolveSession(seal);
  assert.ok(session?.type === "authenticated", "the new cookie is a signed-in session");
  return { id, seal, session };
}

/** A request from that device. */
const from = (device: Awaited<ReturnType<typeof signIn>>) => testContext(device.session);

/** Whether this cookie still gets its session on the next request. */
const works = async (seal: string) => (await resolveSession(seal)).session !== null;
/** Refused, and said as ended; a deleted account's sessions are gone altogether (nothing to say). */
const isRefused = async (seal: string, message: string, gone = false) =>
  assert.deepEqual(
    await resolveSession(seal),
    { session: null, stale: true, ended: gone ? null : { type: "authenticated", reason: "ended", idle: false } },
    message,
  );

const storedHash = async (userId: string) => (await db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;

/** Logging in from a new browser, as a client would try it. */
const logInFresh = (email: string, password: string, ip: string) =>
  logIn(testContext(null, { ip }), { email, password });

test("device labels name the browser and the system from the User-Agent", () => {
  assert.equal(deviceLabel(FIREFOX_ON_WINDOWS), "Firefox on Windows");
  assert.equal(deviceLabel(SAFARI_ON_IPHONE), "Safari on iOS");
  assert.equal(deviceLabel(CHROME_ON_ANDROID), "Chrome on Android");
  assert.equal(deviceLabel("   "), "Unknown device");
});

test("a member signed in on two devices sees both, by handle and device, and only this one as current", async () => {
  const user = await account();
  const laptop = await signIn(user.id, FIREFOX_ON_WINDOWS);
  const phone = await signIn(user.id, SAFARI_ON_IPHONE);
  const loggedOut = await signIn(user.id, CHROME_ON_ANDROID);
  await revokeSession(loggedOut.session);
  const expired = await signIn(user.id, CHROME_ON_ANDROID);
  // Past its absolute expiry, and not yet marked so: no request has come with it since.
  await db.userSession.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });
  const stranger = await signIn((await account()).id, CHROME_ON_ANDROID);

  const listed = await listSessions(laptop.session);

  const byHandle = Object.fromEntries(listed.map((s) => [s.id, { device: s.device, current: s.current }]));
  assert.deepEqual(
    byHandle,
    {
      [laptop.session.publicId]: { device: "Firefox on Windows", current: true },
      [phone.session.publicId]: { device: "Safari on iOS", current: false },
    },
    "the two live sessions, and neither the logged-out, the expired nor another account's",
  );
  const sessionIds = [laptop, phone, loggedOut, expired, stranger].map((d) => d.id);
  for (const { id } of listed) {
    assert.match(id, /^ses_[\w-]+$/, "a public handle");
    assert.ok(
      sessionIds.every((sid) => !id.includes(sid) && !sid.includes(id)),
      `${id} is no session id`,
    );
  }
  assert.ok(!JSON.stringify(listed).includes("auth_"), "no session id anywhere in the listing");
  const mine = listed.find((s) => s.current)!;
  assert.equal(mine.expiresAt, laptop.session.expiresAt.toISOString());

  const fromPhone = await listSessions(phone.session);
  assert.deepEqual(
    fromPhone.filter((s) => s.current).map((s) => s.id),
    [phone.session.publicId],
    "the phone sees itself as current",
  );
});

test("a guest or a visitor without a session can't list or end sessions: 403 forbidden", async () => {
  const forbidden = refused("forbidden", { status: 403 });
  const g = await guest();
  await assert.rejects(listSessions(g), forbidden);
  await assert.rejects(listSessions(null), forbidden);
  await assert.rejects(endOtherSessions(testContext(g)), forbidden);
  await assert.rejects(endSessionByHandle(testContext(null), "ses_anything"), forbidden);
});

test("ending the other device's session refuses its cookie on the very next request, and keeps this one signed in", async () => {
  const user = await account();
  const laptop = await signIn(user.id, FIREFOX_ON_WINDOWS);
  const phone = await signIn(user.id, SAFARI_ON_IPHONE);
  const ctx = from(laptop);

  assert.deepEqual(await endSessionByHandle(ctx, phone.session.publicId), { ended: true, current: false });

  await isRefused(phone.seal, "the phone is logged out");
  nothingSet(ctx);
  assert.ok(await works(laptop.seal), "the laptop goes on");
  assert.deepEqual(
    (await listSessions(laptop.session)).map((s) => s.id),
    [laptop.session.publicId],
  );
  await assert.rejects(
    endSessionByHandle(ctx, phone.session.publicId),
    refused("not_found"),
    "an ended session can't be ended twice",
  );
});

test("a session id or another account's handle is not found, and that session goes on", async () => {
  const user = await account();
  const laptop = await signIn(user.id);
  const phone = await signIn(user.id, SAFARI_ON_IPHONE);
  const stranger = await signIn((await account()).id, CHROME_ON_ANDROID);
  const ctx = from(laptop);

  await assert.rejects(endSessionByHandle(ctx, stranger.session.publicId), refused("not_found", { status: 404 }));
  await assert.rejects(endSessionByHandle(ctx, phone.id), refused("not_found"), "the session id is not a handle");

  assert.ok(await works(stranger.seal), "the other account's session goes on");
  assert.ok(await works(phone.seal), "the phone goes on");
  nothingSet(ctx);
});

test("ending this session by its own handle logs this browser out", async () => {
  const user = await account();
  const laptop = await signIn(user.id);
  const phone = await signIn(user.id, SAFARI_ON_IPHONE);
  const ctx = from(laptop);

  assert.deepEqual(await endSessionByHandle(ctx, laptop.session.publicId), { ended: true, current: true });

  assert.equal(ctx.jar.cleared, true, "the cookie is cleared");
  await isRefused(laptop.seal, "this cookie, replayed, is refused");
  assert.ok(await works(phone.seal), "the other device goes on");
});

test("ending every other session ends them all but this one, and no other account's", async () => {
  const user = await account();
  const laptop = await signIn(user.id);
  const phone = await signIn(user.id, SAFARI_ON_IPHONE);
  const tablet = await signIn(user.id, CHROME_ON_ANDROID);
  const stranger = await signIn((await account()).id);
  const ctx = from(laptop);

  assert.equal(await endOtherSessions(ctx), 2);

  await isRefused(phone.seal, "the phone is logged out");
  await isRefused(tablet.seal, "the tablet is logged out");
  assert.ok(await works(laptop.seal), "this session goes on");
  assert.ok(await works(stranger.seal), "another account's session goes on");
  nothingSet(ctx);
  assert.equal(await endOtherSessions(ctx), 0, "nothing left to end");
});

test("a wrong current password changes nothing: invalid_password on currentPassword", async () => {
  const user = await account();
  const laptop = await signIn(user.id);
  const phone = await signIn(user.id, SAFARI_ON_IPHONE);
  const ctx = from(laptop);

  await assert.rejects(
    changePassword(ctx, { currentPassword: "not my password at all", newPassword: "a brand new violet passphrase" }),
    refused("invalid_password", { field: "currentPassword", status: 401 }),
  );

  assert.equal(await storedHash(user.id), user.passwordHash, "the password is unchanged");
  assert.ok(await works(phone.seal), "the other device is still signed in");
  nothingSet(ctx);
});

test("a weak new password, or the current one again, is refused on newPassword and changes nothing", async () => {
  const user = await account();
  const laptop = await signIn(user.id);
  const phone = await signIn(user.id, SAFARI_ON_IPHONE);
  const ctx = from(laptop);

  await assert.rejects(
    changePassword(ctx, { currentPassword: PASSWORD, newPassword: "password123" }),
    refused("invalid_input", "newPassword"),
  );
  await assert.rejects(
    changePassword(ctx, { currentPassword: PASSWORD, newPassword: PASSWORD }),
    refused("invalid_input", "newPassword"),
  );

  assert.equal(await storedHash(user.id), user.passwordHash, "the password is unchanged");
  assert.ok(await works(phone.seal), "the other device is still signed in");
  nothingSet(ctx);
});

const WRONG_CURRENT = "That is not your current password, so nothing was changed.";
const TOO_COMMON = "That password is too common; choose something harder to guess.";

test("a wrong current password and a weak new one are named together, and every wrong try still counts against the log-in limit", async () => {
  const user = await account();
  const laptop = await signIn(user.id);
  const ctx = from(laptop);
  const limit = config().rateLimits.logins;
  await windowWithRoomFor(15_000); // every try below must count in one window

  for (let i = 0; i < limit; i++) {
    await assert.rejects(
      changePassword(ctx, { currentPassword: `not my password ${i}`, newPassword: "password123" }),
      refused("invalid_password", {
        status: 401,
        fields: { currentPassword: WRONG_CURRENT, newPassword: TOO_COMMON },
        message: `${WRONG_CURRENT} ${TOO_COMMON}`,
      }),
    );
  }
  // The limit is reached: even the right password, with a strong new one, waits.
  await assert.rejects(
    changePassword(ctx, { currentPassword: PASSWORD, newPassword: "a brand new violet passphrase" }),
    refused("rate_limited"),
  );
  assert.equal(await storedHash(user.id), user.passwordHash, "the password is unchanged");
  nothingSet(ctx);
});

test("a new password too short, with a wrong or a missing current one: both named at once", async () => {
  const user = await account();
  const ctx = from(await signIn(user.id));
  const short = "Use at least 10 characters for your new password.";
  await assert.rejects(
    changePassword(ctx, { currentPassword: "not my password at all", newPassword: "short" }),
    refused("invalid_password", { fields: { currentPassword: WRONG_CURRENT, newPassword: short } }),
  );
  await assert.rejects(
    changePassword(ctx, { newPassword: "short" }),
    refused("invalid_input", {
      status: 422,
      fields: { currentPassword: "Enter your current password.", newPassword: short },
    }),
  );
  // "The same as the current one" is said only of a current password that proved right.
  await assert.rejects(
    changePassword(ctx, { currentPassword: "password123", newPassword: "password123" }),
    refused("invalid_password", { fields: { currentPassword: WRONG_CURRENT, newPassword: TOO_COMMON } }),
  );
  assert.equal(await storedHash(user.id), user.passwordHash, "the password is unchanged");
  nothingSet(ctx);
});

test("changing the password ends every other session, keeps this browser signed in under a new id, and only the new password logs in", async () => {
  const user = await account();
  const laptop = await signIn(user.id);
  const phone = await signIn(user.id, SAFARI_ON_IPHONE);
  const tablet = await signIn(user.id, CHROME_ON_ANDROID);
  const ctx = from(laptop);
  const newPassword = "quietly orbiting marmalade lighthouse";

  assert.deepEqual(await changePassword(ctx, { currentPassword: PASSWORD, newPassword }), { endedSessions: 2 });

  await isRefused(phone.seal, "the phone is logged out");
  await isRefused(tablet.seal, "the tablet is logged out");
  // This browser goes on signed in, under a new id: a copy of its cookie taken before is refused.
  await isRefused(laptop.seal, "a copy of this browser's old cookie is refused");
  assert.ok(ctx.jar.cookie, "this browser got a new cookie");
  const renewed = (await resolveSession(ctx.jar.cookie.seal)).session;
  assert.ok(
    renewed?.type === "authenticated" && renewed.userId === user.id,
    "the new cookie is signed in to the same account",
  );
  assert.notEqual(renewed.id, laptop.id, "under a new session id");
  assert.deepEqual(
    (await listSessions(renewed)).map((s) => s.current),
    [true],
    "and it is the account's only live session",
  );
  const hash = await storedHash(user.id);
  assert.equal(await verifyPassword(hash, PASSWORD), false, "the old password no longer verifies");
  assert.equal(await verifyPassword(hash, newPassword), true, "the new one does");
  await assert.rejects(logInFresh(user.email, PASSWORD, "198.51.100.30"), refused("invalid_credentials"));
  const result = await logInFresh(user.email, newPassword, "198.51.100.31");
  assert.ok("user" in result && result.user.id === user.id, "the new password logs in");
});

const checkout: CheckoutInput = {
  email: "ada@example.com",
  name: "Ada Lovelace",
  address: { line1: "1 Analytical Way", line2: "Flat 2", city: "London", postalCode: "N1 9GU", country: "GB" },
  card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2030, cvc: "123" },
};

/** A member on two devices with a saved card, a saved-for-later item, a cart line, a message and a placed order. */
async function memberWithHistory() {
  const user = await account();
  const laptop = await signIn(user.id);
  const phone = await signIn(user.id, SAFARI_ON_IPHONE);
  await addItem({ userId: user.id }, { slug: "morning-blend", quantity: 2 });
  const { order } = await placeOrder(laptop.session, checkout);
  await addPaymentMethod(laptop.session, {
    card: { number: "5555 5555 5555 4444", expMonth: 6, expYear: 2031, cvc: "321" },
    password: PASSWORD,
  });
  const washi = await db.product.findUniqueOrThrow({ where: { slug: "washi-tape-set" } });
  await db.savedItem.create({ data: { userId: user.id, productId: washi.id, quantity: 1 } });
  await addItem({ userId: user.id }, { slug: "brass-pen", quantity: 1 });
  await sendMessage({ to: user.email, subject: "Welcome", text: "Hello", links: [], userId: user.id });
  return { user, laptop, phone, orderId: order.id };
}

/** What the account still holds, row by row. */
const holdings = async (userId: string) => ({
  user: await db.user.count({ where: { id: userId } }),
  sessions: await db.userSession.count({ where: { userId } }),
  savedCards: await db.paymentMethod.count({ where: { userId } }),
  savedItems: await db.savedItem.count({ where: { userId } }),
  cartItems: await db.cartItem.count({ where: { cart: { userId } } }),
  messages: await db.outboxMessage.count({ where: { userId } }),
  orders: await db.order.count({ where: { userId } }),
});

const orderRecord = (id: string) =>
  db.order.findUniqueOrThrow({ where: { id }, include: { items: { orderBy: { name: "asc" } } } });

test("deleting the account with a wrong password removes nothing: invalid_password", async () => {
  const { user, laptop, phone } = await memberWithHistory();
  const ctx = from(laptop);
  const before = await holdings(user.id);
  assert.deepEqual(before, {
    user: 1,
    sessions: 2,
    savedCards: 1,
    savedItems: 1,
    cartItems: 1,
    messages: 1,
    orders: 1,
  });

  await assert.rejects(
    deleteAccount(ctx, { password: "not my password at all" }),
    refused("invalid_password", "password"),
  );

  assert.deepEqual(await holdings(user.id), before);
  assert.ok((await works(laptop.seal)) && (await works(phone.seal)), "both devices are still signed in");
  nothingSet(ctx);
});

test("deleting the account ends every session, removes its data, anonymises its orders and says so by e-mail", async () => {
  const { user, laptop, phone, orderId } = await memberWithHistory();
  const ctx = from(laptop);
  const placed = await orderRecord(orderId);

  const result = await deleteAccount(ctx, { password: PASSWORD });

  assert.deepEqual(result, {
    email: user.email,
    removed: { sessions: 2, savedCards: 1, savedItems: 1, cartItems: 1, messages: 1, leads: 0 },
    ordersAnonymised: 1,
  });
  assert.equal(ctx.jar.cleared, true, "the cookie is cleared");
  await isRefused(laptop.seal, "this device's cookie is refused", true);
  await isRefused(phone.seal, "the other device's cookie is refused", true);
  assert.deepEqual(await holdings(user.id), {
    user: 0,
    sessions: 0,
    savedCards: 0,
    savedItems: 0,
    cartItems: 0,
    messages: 0,
    orders: 0,
  });
  assert.equal(await db.user.count({ where: { email: user.email } }), 0, "the e-mail is gone with the row");

  const kept = await orderRecord(orderId);
  assert.deepEqual(
    {
      userId: kept.userId,
      email: kept.email,
      name: kept.name,
      line1: kept.line1,
      line2: kept.line2,
      city: kept.city,
      postalCode: kept.postalCode,
    },
    { userId: null, email: "", name: "", line1: "", line2: null, city: "", postalCode: "" },
    "linked to no one, without e-mail, name or address",
  );
  assert.deepEqual(
    [kept.totalAmount, kept.currency, kept.country, kept.status],
    [placed.totalAmount, placed.currency, placed.country, placed.status],
    "the total is kept",
  );
  const lines = (o: typeof placed) =>
    o.items.map(({ productId, name, quantity, unitAmount }) => ({ productId, name, quantity, unitAmount }));
  assert.deepEqual(lines(kept), lines(placed), "the items are kept");
  assert.equal(lines(kept).length, 1);

  const mail = await db.outboxMessage.findMany({ where: { to: user.email } });
  assert.equal(mail.length, 1, "only the confirmation is left for that address");
  assert.match(nth(mail).subject, /account is deleted/);
  assert.match(nth(mail).text, /2 signed-in session\(s\) ended/);
  assert.match(nth(mail).text, /1 order\(s\) kept/);

  await assert.rejects(logInFresh(user.email, PASSWORD, "198.51.100.40"), refused("invalid_credentials"));
});
