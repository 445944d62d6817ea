// Sign-up and log-in as a request sees them (lib/accounts/accounts.ts): the result, the error, the
// cookie the jar got and what it resolves to, the carts, and the log-in throttling per address.
import "./helpers/test-db";
import { account, guestWithSeal, member, PASSWORD, uniqueEmail } from "./helpers/fixtures";
import { nothingSet, refused } from "./helpers/refusals";
import { testContext, type TestContext } from "./helpers/context";
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { z } from "zod";
import { logIn, loginInput, signUp, signupInput } from "../lib/accounts/accounts";
import { readCart, type CartOwner } from "../lib/cart/cart";
import { config } from "../lib/config";
import { db } from "../lib/db/client";
import { DomainError } from "../lib/errors";
import { resolveSession } from "../lib/session/check";
import { seedIfEmpty } from "../prisma/seed";
import { nth } from "./helpers/lists";

before(async () => {
  await seedIfEmpty();
});

/** A request from a guest holding `lines`, with the guest's cookie value. */
async function guestRequest(lines: [string, number][], preferences = "{}") {
  const { session, seal } = await guestWithSeal(lines, preferences);
  return { ctx: testContext(session), guestId: session.id, seal };
}

/** The session the cookie set in the jar resolves to. */
async function cookieSession(ctx: TestContext) {
  assert.ok(ctx.jar.cookie, "a session cookie was set");
  return (await resolveSession(ctx.jar.cookie.seal)).session;
}

// Sorted by slug: the tests are about what ends where, not about order.
const sorted = (pairs: [string, number][]) => pairs.sort(([a], [b]) => a.localeCompare(b));
const cartPairs = async (owner: CartOwner) =>
  sorted((await readCart(owner, "USD")).items.map((i) => [i.slug, i.quantity]));
const savedPairs = async (userId: string) =>
  sorted(
    (await db.savedItem.findMany({ where: { userId }, include: { product: true } })).map((s) => [
      s.product.slug,
      s.quantity,
    ]),
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Limits count in fixed one-minute windows: waits for the next one unless `ms` are left in this one. */
async function windowWithRoomFor(ms: number) {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < ms) await sleep(left + 50);
}

test("signing up from a guest session signs the new account in and moves the guest's cart into it", async () => {
  const { ctx, guestId, seal } = await guestRequest(
    [
      ["morning-blend", 2],
      ["brass-pen", 1],
    ],
    '{"currency":"EUR"}',
  );
  const input = signupInput.parse({ email: `  Ada.${uniqueEmail("Lovelace")}  `.toUpperCase(), password: PASSWORD });
  const { user, migration } = await signUp(ctx, input);

  assert.equal(user.email, input.email);
  assert.match(user.email, /^ada\.lovelace\d+-\d+@example\.com$/, "the schema trims and lower-cases the address");
  assert.deepEqual(
    Object.keys(user).sort(),
    ["createdAt", "email", "id", "isAdmin"],
    "nothing but the public fields (no password hash)",
  );
  assert.deepEqual(migration, {
    fromSessionId: guestId,
    cartChoice: "combine",
    cartItems: 2,
    savedForLater: 0,
    preferences: true,
    events: 0,
    orders: 0,
  });

  const session = await cookieSession(ctx);
  assert.ok(session?.type === "authenticated", "the cookie is a signed-in session");
  assert.equal(session.userId, user.id);
  assert.equal(session.email, user.email);
  assert.equal(session.migratedFrom, guestId);
  assert.deepEqual(
    ctx.jar.cookie?.preferences,
    { currency: "EUR" },
    "the cookie mirrors the preferences the guest had",
  );
  assert.deepEqual(
    await resolveSession(seal),
    { session: null, stale: true, ended: { type: "anonymous", reason: "converted", idle: false } },
    "the guest cookie never works again",
  );
  assert.deepEqual(await cartPairs({ userId: user.id }), [
    ["brass-pen", 1],
    ["morning-blend", 2],
  ]);
  assert.deepEqual(await cartPairs({ guestSessionId: guestId }), []);
});

test("signing up with an e-mail that already has an account is 409 email_taken on the e-mail field, and changes nothing", async () => {
  const existing = await account();
  const { ctx, guestId, seal } = await guestRequest([["soy-candle", 1]]);
  const input = signupInput.parse({
    email: existing.email.toUpperCase(),
    password: "a different but strong passphrase",
  });

  await assert.rejects(signUp(ctx, input), refused("email_taken", { field: "email", status: 409 }));
  nothingSet(ctx);
  assert.equal(await db.user.count({ where: { email: existing.email } }), 1, "no second account");
  assert.equal((await resolveSession(seal)).session?.id, guestId, "the guest session goes on");
  assert.deepEqual(await cartPairs({ guestSessionId: guestId }), [["soy-candle", 1]]);
});

test("a signed-in member can neither sign up nor log in again: already_signed_in, and no cookie", async () => {
  const signedIn = await member();
  assert.ok(signedIn.type === "authenticated");

  const signUpCtx = testContext(signedIn);
  const fresh = signupInput.parse({ email: uniqueEmail("second"), password: PASSWORD });
  await assert.rejects(signUp(signUpCtx, fresh), refused("already_signed_in"));
  nothingSet(signUpCtx);
  assert.equal(await db.user.count({ where: { email: fresh.email } }), 0);

  const logInCtx = testContext(signedIn);
  await assert.rejects(logIn(logInCtx, { email: signedIn.email, password: PASSWORD }), refused("already_signed_in"));
  nothingSet(logInCtx);
});

test("the sign-up schema refuses a weak password and one built from the e-mail, with a sentence, and takes a strong one", () => {
  const problem = (email: string, password: string) => {
    const result = signupInput.safeParse({ email, password });
    assert.equal(result.success, false, `"${password}" is refused`);
    const issue = nth(result.error?.issues);
    assert.deepEqual(issue.path, ["password"]);
    return issue.message;
  };
  assert.equal(
    problem("someone@example.com", "password123"),
    "That password is too common; choose something harder to guess.",
  );
  assert.equal(
    problem("margaret.hamilton@example.com", "Margaret.Hamilton-1969!"),
    "That password is built from your e-mail address; choose one that has nothing to do with it.",
  );
  assert.deepEqual(signupInput.parse({ email: " Grace@Example.COM", password: PASSWORD }), {
    email: "grace@example.com",
    password: PASSWORD,
  });
});

test("sign-up counts every attempt before judging the body: a bad e-mail or a weak password is a 422 that still counts, then 429 before any check", async () => {
  const limit = config().rateLimits.signups;
  const at = new Date();
  const request = () => Object.assign(testContext(null, { ip: "198.51.100.40" }), { now: at });
  const tries = [
    { email: "not an e-mail", password: PASSWORD },
    { email: uniqueEmail("weak"), password: "password123" },
    { email: uniqueEmail("extra"), password: PASSWORD, admin: true },
  ];
  // A ZodError: the route answers it 422 invalid_input, the form puts it beside the field.
  for (let i = 0; i < limit; i++) await assert.rejects(signUp(request(), tries[i % tries.length]), z.ZodError);
  // The limit is full: even a good body is refused before it is judged or hashed.
  const good = { email: uniqueEmail("late"), password: PASSWORD };
  const late = request();
  await assert.rejects(signUp(late, good), refused("rate_limited"));
  await assert.rejects(signUp(request(), { email: "still not an e-mail", password: "x" }), refused("rate_limited"));
  nothingSet(late);
  assert.equal(await db.user.count({ where: { email: good.email } }), 0);
});

test("logging in with the right password gives a new signed-in session each time", async () => {
  const user = await account();
  const [first, second] = [testContext(null), testContext(null)];

  const result = await logIn(first, { email: user.email, password: PASSWORD });
  assert.deepEqual(result, {
    user: { id: user.id, email: user.email, createdAt: user.createdAt.toISOString(), isAdmin: false },
    migration: null,
  });
  await logIn(second, { email: ` ${user.email.toUpperCase()} `, password: PASSWORD });

  const [a, b] = [await cookieSession(first), await cookieSession(second)];
  assert.ok(a?.type === "authenticated" && b?.type === "authenticated");
  assert.equal(a.userId, user.id);
  assert.equal(b.userId, user.id, "the e-mail is matched trimmed and lower-cased");
  assert.equal(a.migratedFrom, null);
  assert.notEqual(a.id, b.id, "each log-in issues a new session id");
});

test("a wrong password and an unknown e-mail get the very same invalid_credentials, and no cookie", async () => {
  const user = await account();
  const failure = async (email: string, password: string) => {
    const ctx = testContext(null);
    const error = await logIn(ctx, { email, password }).then(
      () => assert.fail("logged in"),
      (e: unknown) => e,
    );
    refused("invalid_credentials")(error);
    nothingSet(ctx);
    const { code, status, message, details } = error as DomainError;
    return { code, status, message, details };
  };
  const wrongPassword = await failure(user.email, "not the right password at all");
  const unknownEmail = await failure(uniqueEmail("nobody"), PASSWORD);
  assert.equal(wrongPassword.status, 401);
  assert.deepEqual(unknownEmail, wrongPassword, "nothing tells whether the account exists");
});

test("a guest with a cart logging into an account with a cart is asked to choose, then keep_account saves the guest's items for later", async () => {
  const user = await account({ lines: [["soy-candle", 1]] });
  const { ctx, guestId, seal } = await guestRequest([["brass-pen", 2]]);

  const asked = await logIn(ctx, { email: user.email, password: PASSWORD }, { askForCartChoice: true });
  assert.ok("needsCartChoice" in asked, "the caller is asked for a choice");
  const { guestItems, accountItems, plans } = asked.needsCartChoice;
  assert.deepEqual([guestItems, accountItems], [1, 1]);
  const named = (lines: { name: string; quantity: number }[]) => lines.map((l) => [l.name, l.quantity]).sort();
  const outline = Object.fromEntries(
    Object.entries(plans).map(([choice, plan]) => [
      choice,
      { cart: named(plan.cart), saved: named(plan.savedForLater) },
    ]),
  );
  assert.deepEqual(outline, {
    combine: {
      cart: [
        ["Brass Ballpoint Pen", 2],
        ["Cedar Soy Candle", 1],
      ],
      saved: [],
    },
    keep_account: { cart: [["Cedar Soy Candle", 1]], saved: [["Brass Ballpoint Pen", 2]] },
    use_guest: { cart: [["Brass Ballpoint Pen", 2]], saved: [["Cedar Soy Candle", 1]] },
  });
  nothingSet(ctx);
  assert.equal((await resolveSession(seal)).session?.id, guestId, "the guest is still a guest");
  assert.deepEqual(await cartPairs({ guestSessionId: guestId }), [["brass-pen", 2]]);
  assert.deepEqual(await cartPairs({ userId: user.id }), [["soy-candle", 1]]);

  const chosen = await logIn(
    ctx,
    { email: user.email, password: PASSWORD, cartChoice: "keep_account" },
    { askForCartChoice: true },
  );
  assert.ok(!("needsCartChoice" in chosen));
  assert.deepEqual(
    [chosen.migration?.cartChoice, chosen.migration?.cartItems, chosen.migration?.savedForLater],
    ["keep_account", 0, 1],
  );
  const session = await cookieSession(ctx);
  assert.ok(session?.type === "authenticated");
  assert.deepEqual([session.userId, session.migratedFrom], [user.id, guestId]);
  assert.deepEqual(await cartPairs({ userId: user.id }), [["soy-candle", 1]], "the account's cart is as it was");
  assert.deepEqual(await savedPairs(user.id), [["brass-pen", 2]]);
  assert.deepEqual(await resolveSession(seal), {
    session: null,
    stale: true,
    ended: { type: "anonymous", reason: "converted", idle: false },
  });
});

test("the choice step needs no password again: the first step's proof logs in once, only from its own guest session, and not once the password changed", async () => {
  const user = await account({ lines: [["soy-candle", 1]] });
  const { ctx, guestId, seal } = await guestRequest([["brass-pen", 2]]);
  const asked = await logIn(ctx, { email: user.email, password: PASSWORD }, { askForCartChoice: true });
  assert.ok("needsCartChoice" in asked);
  const step2 = { email: user.email, password: "", proof: asked.proof, cartChoice: "combine" as const };

  // Another browser (another guest session) holding the same proof gets nothing.
  const other = await guestRequest([["linen-apron", 1]]);
  await assert.rejects(logIn(other.ctx, step2, { askForCartChoice: true }), refused("invalid_credentials", "password"));
  nothingSet(other.ctx);
  // A forged proof (its MAC changed), or the right one for another address, neither.
  const parts = asked.proof.split("*");
  const mac = parts.pop()!;
  const forged = [...parts, (mac[0] === "A" ? "B" : "A") + mac.slice(1)].join("*");
  await assert.rejects(logIn(ctx, { ...step2, proof: forged }), refused("invalid_credentials", "password"));
  await assert.rejects(logIn(ctx, { ...step2, email: uniqueEmail() }), refused("invalid_credentials", "password"));
  // The password changed meanwhile: the proof is void.
  const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  await db.user.update({ where: { id: user.id }, data: { passwordHash: `${passwordHash}-changed` } });
  await assert.rejects(logIn(ctx, step2, { askForCartChoice: true }), refused("invalid_credentials", "password"));
  await db.user.update({ where: { id: user.id }, data: { passwordHash } });

  const done = await logIn(ctx, step2, { askForCartChoice: true });
  assert.ok(!("needsCartChoice" in done));
  assert.equal(done.migration?.cartChoice, "combine");
  const session = await cookieSession(ctx);
  assert.ok(session?.type === "authenticated");
  assert.equal(session.migratedFrom, guestId);
  // Once: the guest session it was bound to is now the account's, and its cookie resolves to none.
  const replay = testContext((await resolveSession(seal)).session);
  await assert.rejects(logIn(replay, step2, { askForCartChoice: true }), refused("invalid_credentials", "password"));
});

test("without a password or a proof, the log-in names the password field", () => {
  const parsed = loginInput.safeParse({ email: "someone@example.com" });
  assert.ok(!parsed.success);
  assert.deepEqual(
    parsed.error.issues.map((i) => [i.path.join("."), i.message]),
    [["password", "Enter your password."]],
  );
});

test("line choices at log-in override the cart choice for products in both carts; a choice for any other product is a 422 that changes nothing", async () => {
  const user = await account({
    lines: [
      ["soy-candle", 1],
      ["brass-pen", 5],
    ],
  });
  const { ctx, guestId, seal } = await guestRequest([
    ["brass-pen", 2],
    ["soy-candle", 3],
    ["morning-blend", 1],
  ]);
  const products = await Promise.all(
    ["brass-pen", "soy-candle", "morning-blend"].map((slug) => db.product.findUniqueOrThrow({ where: { slug } })),
  );
  const [pen, candle, blend] = [nth(products, 0), nth(products, 1), nth(products, 2)];

  await assert.rejects(
    logIn(ctx, { email: user.email, password: PASSWORD, cartChoice: "combine", lineChoices: { [blend.id]: "save" } }),
    refused("invalid_input", "lineChoices"),
  );
  nothingSet(ctx);
  assert.equal((await resolveSession(seal)).session?.id, guestId, "the guest is still a guest");
  assert.deepEqual(await cartPairs({ userId: user.id }), [
    ["brass-pen", 5],
    ["soy-candle", 1],
  ]);

  const done = await logIn(ctx, {
    email: user.email,
    password: PASSWORD,
    cartChoice: "combine",
    lineChoices: { [pen.id]: "guest", [candle.id]: "save" },
  });
  assert.ok(!("needsCartChoice" in done));
  // The pen takes the guest's 2 (the account's 5 saved), the candle goes to saved (1 + 3), the blend combines.
  assert.deepEqual(await cartPairs({ userId: user.id }), [
    ["brass-pen", 2],
    ["morning-blend", 1],
  ]);
  assert.deepEqual(await savedPairs(user.id), [
    ["brass-pen", 5],
    ["soy-candle", 4],
  ]);
});

test("a line choice keyed __proto__ (or any key no shared product has) is a 422 that changes nothing, not dropped unchecked", async () => {
  const user = await account({ lines: [["brass-pen", 5]] });
  const { ctx, guestId, seal } = await guestRequest([["brass-pen", 2]]);
  const pollute = loginInput.safeParse({
    email: user.email,
    password: PASSWORD,
    lineChoices: JSON.parse('{"__proto__":{"x":"sum"}}'),
  });
  assert.match(nth(pollute.error?.issues).message, /must be one of sum, guest, account, save/);
  for (const body of ['{"__proto__":"sum"}', '{"constructor":"sum","toString":"guest"}']) {
    const parsed = loginInput.parse({
      email: user.email,
      password: PASSWORD,
      cartChoice: "combine",
      lineChoices: JSON.parse(body),
    });
    await assert.rejects(logIn(ctx, parsed), refused("invalid_input", "lineChoices"), body);
    nothingSet(ctx);
    assert.equal((await resolveSession(seal)).session?.id, guestId, `${body}: the guest is still a guest`);
  }
  assert.equal(({} as Record<string, unknown>).x, undefined);
  assert.deepEqual(await cartPairs({ userId: user.id }), [["brass-pen", 5]]);
});

test("the log-in schema refuses an unknown line choice with a sentence", () => {
  const parsed = loginInput.safeParse({ email: "a@example.com", password: "x", lineChoices: { prod: "half" } });
  assert.equal(parsed.success, false);
  assert.match(nth(parsed.error?.issues).message, /must be one of sum, guest, account, save/);
});

test("past the per-minute limit one address is refused even the right password, while another address still logs in", async () => {
  const user = await account();
  const limit = config().rateLimits.logins;
  const [here, elsewhere] = ["198.51.100.20", "198.51.100.21"];
  await windowWithRoomFor(5_000); // all of this address's attempts must count in one window

  for (let i = 0; i < limit; i++) {
    await assert.rejects(
      logIn(testContext(null, { ip: here }), { email: user.email, password: `wrong guess ${i}` }),
      refused("invalid_credentials"),
    );
  }
  const blocked = testContext(null, { ip: here });
  await assert.rejects(logIn(blocked, { email: user.email, password: PASSWORD }), (e: unknown) => {
    refused("rate_limited", { status: 429 })(e);
    const { details } = e as DomainError;
    assert.ok(
      details.retryAfter! >= 1 && details.retryAfter! <= 60,
      `retryAfter ${details.retryAfter} is within the minute`,
    );
    return true;
  });
  nothingSet(blocked);

  const owner = testContext(null, { ip: elsewhere });
  const result = await logIn(owner, { email: user.email, password: PASSWORD });
  assert.ok(!("needsCartChoice" in result));
  assert.equal(result.user.id, user.id);
  const session = await cookieSession(owner);
  assert.ok(session?.type === "authenticated");
  assert.equal(session.userId, user.id);
});
