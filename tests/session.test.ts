// Session lifecycle against a real SQLite file: create, resolve, expire, revoke, replay, tamper.
// The secret list rotates: "new" seals, "old" still opens.
import { NEW_SECRET, OLD_SECRET } from "./helpers/rotating-secrets";
import "./helpers/test-db";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { sealData, unsealData } from "iron-session";
import { db } from "../lib/db/client";
import { expireSessionRow } from "../lib/session/store";
import { hotWrite } from "../lib/db/sql";
import { createGuestSession, createUserSession, revokeSession } from "../lib/session/lifecycle";
import { describeEnd, explainEnd } from "../lib/session/end";
import { resolveSession } from "../lib/session/check";
import { sweepGuestSessions, sweepIfMine } from "../lib/sweep/sweep";
import { backfillLogHashes, findSessions } from "../lib/admin/sessions";
import { keyedHash } from "../lib/ids";
import { permissionsFor } from "../lib/permissions";
import { DomainError } from "../lib/errors";
import { addItem } from "../lib/cart/cart";
import { sessionJson } from "../lib/session/json";
import { listSessions } from "../lib/accounts/sessions";
import { account, guestWithSeal, memberWithSeal } from "./helpers/fixtures";
import { refused } from "./helpers/refusals";
import { nth } from "./helpers/lists";

test("a new guest session has a row, an absolute expiry and a cookie that resolves to it", async () => {
  const now = new Date();
  const { session, seal } = await createGuestSession(now);
  assert.match(session.id, /^guest_/);
  assert.equal(session.expiresAt.getTime() - now.getTime(), 86_400_000);
  const row = await db.guestSession.findUniqueOrThrow({ where: { id: session.id } });
  assert.equal(row.status, "active");
  const resolved = await resolveSession(seal);
  assert.equal(resolved.session?.id, session.id);
  assert.equal(resolved.stale, false);
  assert.deepEqual(resolved.session?.permissions, ["view_content", "add_to_cart", "guest_checkout", "view_orders"]);
});

test("the cookie holds only the id, the type and the expiry, sealed with the first secret", async () => {
  const { session, seal } = await createGuestSession();
  assert.ok(!seal.includes(session.id), "the id is not readable in the cookie");
  const payload = await unsealData<Record<string, unknown>>(seal, { password: { 2: NEW_SECRET } });
  assert.deepEqual(Object.keys(payload).sort(), ["exp", "sid", "type"]);
  assert.equal(payload.sid, session.id);
  assert.equal(payload.type, "anonymous");
});

test("a cookie sealed with a rotated-out (second) secret still opens", async () => {
  const { session } = await createGuestSession();
  const seal = await sealData(
    { sid: session.id, type: "anonymous", exp: session.expiresAt.getTime() },
    { password: { 1: OLD_SECRET } },
  );
  assert.equal((await resolveSession(seal)).session?.id, session.id);
});

test("no cookie is no session, and not stale", async () => {
  assert.deepEqual(await resolveSession(undefined), { session: null, stale: false, ended: null });
});

test("tampered, foreign and garbage cookies are no session, never an error", async () => {
  const { seal } = await createGuestSession();
  const i = seal.indexOf("*", 10) + 3;
  const tampered = seal.slice(0, i) + (seal[i] === "A" ? "B" : "A") + seal.slice(i + 1);
  const foreign = await sealData(
    { sid: "guest_x", type: "anonymous", exp: Date.now() + 60_000 },
    { password: "another-shops-secret-another-shops-secret" },
  );
  for (const cookie of [tampered, foreign, "not-a-seal", "Fe26.2**"]) {
    assert.deepEqual(await resolveSession(cookie), { session: null, stale: true, ended: null });
  }
});

test("a well-sealed cookie for an unknown session id is refused", async () => {
  const seal = await sealData(
    { sid: "guest_unknown", type: "anonymous", exp: Date.now() + 60_000 },
    { password: { 2: NEW_SECRET } },
  );
  assert.deepEqual(await resolveSession(seal), { session: null, stale: true, ended: null });
});

test("expiry is checked on the server: a live cookie for an expired row is refused and the row marked", async () => {
  const { session, seal } = await createGuestSession();
  await db.guestSession.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  assert.deepEqual(await resolveSession(seal), {
    session: null,
    stale: true,
    ended: { type: "anonymous", reason: "expired", idle: false },
  });
  const row = await db.guestSession.findUniqueOrThrow({ where: { id: session.id } });
  assert.equal(row.status, "expired");
});

test("a session created with a TTL that has run out resolves to nothing", async () => {
  const created = new Date(Date.now() - 86_400_000 - 5_000);
  const { seal } = await createGuestSession(created);
  assert.equal((await resolveSession(seal)).session, null);
});

test("a revoked session's replayed cookie is refused on the very next request", async () => {
  const { session, seal } = await createGuestSession();
  assert.ok((await resolveSession(seal)).session);
  await revokeSession(session);
  assert.deepEqual(await resolveSession(seal), {
    session: null,
    stale: true,
    ended: { type: "anonymous", reason: "ended", idle: false },
  });
  assert.equal((await db.guestSession.findUniqueOrThrow({ where: { id: session.id } })).status, "revoked");
});

test("a seal verified before is still refused once its own expiry has passed", async () => {
  const { session, seal } = await createGuestSession();
  assert.ok((await resolveSession(seal)).session); // now in the cache of verified seals
  const later = new Date(session.expiresAt.getTime() + 1000);
  assert.deepEqual(await resolveSession(seal, later), {
    session: null,
    stale: true,
    ended: { type: "anonymous", reason: "expired", idle: false },
  });
});

test("converted sessions are refused too, also when their seal was verified before", async () => {
  const { session, seal } = await createGuestSession();
  assert.ok((await resolveSession(seal)).session);
  await db.guestSession.update({ where: { id: session.id }, data: { status: "converted" } });
  assert.equal((await resolveSession(seal)).session, null);
});

test("the sweep marks expired sessions and deletes the carts and restore links no one can use", async () => {
  const live = await createGuestSession();
  const old = await createGuestSession(new Date(Date.now() - 90_000_000));
  const product = await db.product.create({
    data: {
      slug: "sweep-test",
      name: "Sweep",
      description: "",
      priceCents: 100,
      stock: 5,
      image: "/x.svg",
      category: { create: { slug: "sweep-cat", name: "Sweep" } },
    },
  });
  for (const s of [live, old]) {
    await db.cart.create({
      data: { guestSessionId: s.session.id, items: { create: { productId: product.id, quantity: 1 } } },
    });
    await db.restoreToken.create({
      data: {
        tokenHash: `hash-${s.session.id}`,
        guestSessionId: s.session.id,
        lines: "[]",
        expiresAt: s.session.expiresAt,
      },
    });
  }
  const result = await sweepGuestSessions();
  assert.equal(await db.restoreToken.count({ where: { guestSessionId: old.session.id } }), 0);
  assert.equal(await db.restoreToken.count({ where: { guestSessionId: live.session.id } }), 1);
  assert.ok(result.expiredSessions >= 1);
  assert.ok(result.cartsDeleted >= 1);
  assert.equal((await db.guestSession.findUniqueOrThrow({ where: { id: old.session.id } })).status, "expired");
  assert.equal(await db.cart.count({ where: { guestSessionId: old.session.id } }), 0);
  assert.equal(await db.cart.count({ where: { guestSessionId: live.session.id } }), 1);
});

test("a session check can leave its writes for later (pages render without writing)", async () => {
  const started = new Date(Date.now() - 5 * 60_000);
  const { session, seal } = await createGuestSession(started);
  const pending: (() => Promise<unknown>)[] = [];
  const resolved = await resolveSession(seal, new Date(), async (work) => void pending.push(work));
  assert.equal(resolved.session?.id, session.id);
  assert.equal(
    (await db.guestSession.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt.getTime(),
    started.getTime(),
    "nothing written yet",
  );
  assert.equal(pending.length, 1);
  await nth(pending)();
  assert.ok(
    (await db.guestSession.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt > started,
    "written when the work runs",
  );
});

// GUEST_IDLE_TIMEOUT is 7200 s by default; the clock is the `now` each check is given.
const IDLE_MS = 7_200_000;
const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

test("a guest session left unused for the idle timeout ends; one in use lives on to its absolute expiry", async () => {
  const start = new Date();
  const idle = await createGuestSession(start);
  assert.equal(idle.session.idleExpiresAt.getTime(), start.getTime() + IDLE_MS);
  // A request a minute before the timeout is still in time.
  assert.equal((await resolveSession(idle.seal, at(start, IDLE_MS - 60_000))).session?.id, idle.session.id);

  const forgotten = await createGuestSession(start);
  assert.deepEqual(await resolveSession(forgotten.seal, at(start, IDLE_MS + 1000)), {
    session: null,
    stale: true,
    ended: { type: "anonymous", reason: "expired", idle: true },
  });
  const row = await db.guestSession.findUniqueOrThrow({ where: { id: forgotten.session.id } });
  assert.equal(row.status, "expired");
  // Expired for good: a later request does not bring it back.
  assert.equal((await resolveSession(forgotten.seal, at(start, IDLE_MS + 2000))).session, null);

  // Visits every hour keep a session alive past two hours, and each one moves the idle end.
  const used = await createGuestSession(start);
  for (const hour of [1, 2, 3]) {
    const seen = await resolveSession(used.seal, at(start, hour * 3_600_000));
    assert.equal(seen.session?.id, used.session.id, `visit after ${hour} h`);
    assert.equal(
      seen.session?.type === "anonymous" && seen.session.idleExpiresAt.getTime(),
      start.getTime() + hour * 3_600_000 + IDLE_MS,
    );
  }
});

// USER_IDLE_TIMEOUT is 43200 s (12 h) by default.
const USER_IDLE_MS = 43_200_000;

test("a signed-in session left unused for USER_IDLE_TIMEOUT ends and says why; one in use lives on", async () => {
  const start = new Date();
  const user = await account();
  const forgotten = await createUserSession(user.id, null, start);
  const fresh = (await resolveSession(forgotten.seal, start)).session;
  assert.ok(fresh?.type === "authenticated");
  assert.equal(fresh.idleExpiresAt.getTime(), start.getTime() + USER_IDLE_MS);
  const json = await sessionJson(fresh);
  assert.equal(
    "authenticatedSession" in json && json.authenticatedSession?.idleExpiresAt,
    new Date(start.getTime() + USER_IDLE_MS).toISOString(),
  );

  // A request a minute before the timeout is still in time; one after it finds the session ended.
  const late = await createUserSession(user.id, null, start);
  assert.equal((await resolveSession(late.seal, at(start, USER_IDLE_MS - 60_000))).session?.id, late.id);
  const afterIdle = await resolveSession(forgotten.seal, at(start, USER_IDLE_MS + 1000));
  assert.deepEqual(afterIdle, {
    session: null,
    stale: true,
    ended: { type: "authenticated", reason: "expired", idle: true },
  });
  assert.equal((await db.userSession.findUniqueOrThrow({ where: { id: forgotten.id } })).status, "expired");
  assert.match(describeEnd(afterIdle.ended!), /signed out after 12 hours without activity/);
  // Expired for good, and said so again on the next request.
  assert.deepEqual((await resolveSession(forgotten.seal, at(start, USER_IDLE_MS + 2000))).ended, {
    type: "authenticated",
    reason: "expired",
    idle: true,
  });
  assert.deepEqual(
    await listSessions(
      (await resolveSession(late.seal, at(start, USER_IDLE_MS - 30_000))).session,
      at(start, USER_IDLE_MS + 1000),
    ).then((l) => l.length),
    1,
    "only the session used within the timeout is listed among the account's sessions",
  );

  // Visits every 10 hours keep it alive past 12 hours, each one moving the idle end.
  const used = await createUserSession(user.id, null, start);
  for (const hours of [10, 20, 30]) {
    const seen = await resolveSession(used.seal, at(start, hours * 3_600_000));
    assert.equal(seen.session?.id, used.id, `visit after ${hours} h`);
    assert.equal(seen.session?.idleExpiresAt.getTime(), start.getTime() + hours * 3_600_000 + USER_IDLE_MS);
  }
  // The absolute end still stands (USER_SESSION_TTL, 7 days), however often it is used.
  assert.match(describeEnd({ type: "authenticated", reason: "expired", idle: false }), /signed out after 7 days:/);
});

test("the sweep ends guest sessions that have been idle past the timeout, and only those", async () => {
  const { session: idle } = await createGuestSession();
  const { session: fresh } = await createGuestSession();
  await db.guestSession.update({ where: { id: idle.id }, data: { lastSeenAt: new Date(Date.now() - IDLE_MS - 1000) } });
  await sweepGuestSessions();
  const status = async (id: string) => (await db.guestSession.findUniqueOrThrow({ where: { id } })).status;
  assert.equal(await status(idle.id), "expired");
  assert.equal(await status(fresh.id), "active");
});

test("sessions made before the log hash was stored get it at start, and the admin finds them by it", async () => {
  const { session } = await createGuestSession();
  await db.guestSession.update({ where: { id: session.id }, data: { logHash: null } });
  assert.ok((await backfillLogHashes()) >= 1);
  const hash = keyedHash(session.id);
  assert.equal((await db.guestSession.findUniqueOrThrow({ where: { id: session.id } })).logHash, hash);

  const admin = { ...session, permissions: permissionsFor("admin") };
  const found = nth(await findSessions(admin, hash.toUpperCase()));
  assert.deepEqual([found.kind, found.status, found.hash], ["guest", "active", hash]);
  await assert.rejects(findSessions(session, hash), refused("forbidden"));
});

test("a refused cookie says why its session ended: expired (lifetime or idle), ended, or converted; a forged one says nothing", async () => {
  const later = (s: { createdAt: Date }, seconds: number) => new Date(s.createdAt.getTime() + seconds * 1000);

  const idle = await createGuestSession();
  const afterIdle = await resolveSession(idle.seal, later(idle.session, 7_200 + 1));
  assert.deepEqual(afterIdle.ended, { type: "anonymous", reason: "expired", idle: true });
  assert.match(describeEnd(afterIdle.ended!), /ended after 2 hours without activity, so its cart was cleared/);
  // Asked again (the row is marked expired now), it still says idle.
  assert.equal((await resolveSession(idle.seal, later(idle.session, 7_200 + 2))).ended?.idle, true);

  const lifetime = await createGuestSession();
  await db.guestSession.update({
    where: { id: lifetime.session.id },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  const expired = await resolveSession(lifetime.seal);
  assert.deepEqual(expired.ended, { type: "anonymous", reason: "expired", idle: false });
  assert.match(describeEnd(expired.ended!), /ended after 24 hours, so its cart was cleared/);

  const ended = await createGuestSession();
  await revokeSession(ended.session);
  const revoked = await resolveSession(ended.seal);
  assert.equal(revoked.ended?.reason, "ended");
  assert.match(describeEnd(revoked.ended!), /ended in another tab or window/);

  const converted = await createGuestSession();
  await db.guestSession.update({ where: { id: converted.session.id }, data: { status: "converted" } });
  assert.equal((await resolveSession(converted.seal)).ended?.reason, "converted");

  assert.equal((await resolveSession("Fe26.2**garbage")).ended, null);
  assert.equal((await resolveSession(undefined)).ended, null);
  const live = await resolveSession((await createGuestSession()).seal);
  assert.equal(live.ended, null);
});

test("a failure caused by a gone session is said as why it is gone; other failures keep their own sentence", () => {
  const end = { type: "anonymous", reason: "ended", idle: false } as const;
  const explained = explainEnd(new DomainError("not_in_cart"), end) as DomainError;
  assert.equal(explained.code, "not_in_cart");
  assert.match(explained.message, /ended in another tab/);
  const declined = new DomainError("card_declined");
  assert.equal(explainEnd(declined, end), declined);
  const missing = new DomainError("not_in_cart");
  assert.equal(explainEnd(missing, null), missing);
});

test("the sweep works in small batches until nothing is left; a second run finds nothing to do", async () => {
  const long = new Date(Date.now() - 90_000_000);
  const stale = await Promise.all(Array.from({ length: 7 }, () => createGuestSession(long)));
  const product = await db.product.findFirstOrThrow();
  for (const s of stale)
    await db.cart.create({
      data: { guestSessionId: s.session.id, items: { create: { productId: product.id, quantity: 1 } } },
    });
  const first = await sweepGuestSessions(new Date(), 3);
  assert.ok(first.expiredSessions >= 7 && first.cartsDeleted >= 7, JSON.stringify(first));
  const ids = stale.map((s) => s.session.id);
  assert.equal(await db.guestSession.count({ where: { id: { in: ids }, status: "expired" } }), 7);
  assert.equal(await db.cart.count({ where: { guestSessionId: { in: ids } } }), 0);
  assert.equal(await db.cartItem.count({ where: { cart: { guestSessionId: { in: ids } } } }), 0);
  assert.deepEqual(await sweepGuestSessions(new Date(), 3), {
    expiredSessions: 0,
    cartsDeleted: 0,
    restoreLinksDeleted: 0,
    rateLimitWindowsPruned: 0,
    guestSessionsDeleted: 0,
    guestSessionsLeft: 0,
    viewsDeleted: 0,
    talliesFolded: 0,
  });
});

test("one server sweeps at a time: the sweep's lease lasts one interval, then another server may take it", async () => {
  const now = new Date();
  assert.ok(await sweepIfMine(now, "server-a"), "the first server takes the lease and sweeps");
  assert.equal(await sweepIfMine(now, "server-b"), null, "the second waits its turn");
  assert.ok(await sweepIfMine(new Date(now.getTime() + 1000), "server-a"), "the holder goes on");
  const later = new Date(now.getTime() + 601_000 + 1000);
  assert.ok(await sweepIfMine(later, "server-b"), "once the lease ran out, another server takes it");
  assert.equal(await sweepIfMine(later, "server-a"), null);
});

test("a session read with its cart in one statement (GET /api/session) answers the same JSON as one read without", async () => {
  const category = await db.category.create({ data: { slug: "one-statement", name: "One statement" } });
  for (const slug of ["pen-one", "pen-two", "pen-three"]) {
    await db.product.create({
      data: { slug, name: slug, description: "", priceCents: 100, stock: 9, image: "/x.svg", categoryId: category.id },
    });
  }
  const full = await guestWithSeal([
    ["pen-one", 2],
    ["pen-two", 1],
  ]);
  const empty = await guestWithSeal();
  const {
    session: { userId },
    seal: memberSeal,
  } = await memberWithSeal();
  await addItem({ userId }, { slug: "pen-three", quantity: 3 });
  const products = Object.fromEntries(
    (await db.product.findMany({ select: { id: true, slug: true } })).map((p) => [p.id, p.slug]),
  );

  for (const [seal, expected] of [
    [
      full.seal,
      [
        ["pen-one", 2],
        ["pen-two", 1],
      ],
    ],
    [empty.seal, []],
    [memberSeal, [["pen-three", 3]]],
  ] as const) {
    const withCart = (await resolveSession(seal, new Date(), undefined, true)).session!;
    const apart = (await resolveSession(seal)).session!;
    assert.equal(apart.cartItems, undefined, "read apart, the session carries no cart");
    assert.deepEqual(
      withCart.cartItems?.map((i) => [products[i.productId], i.quantity]),
      expected,
      "read with it, it does",
    );
    const shown = await sessionJson(withCart);
    assert.deepEqual(shown, await sessionJson(apart));
    const data = (shown.anonymousSession ?? shown.authenticatedSession)!.data;
    assert.deepEqual(
      data.cartItems.map((i) => [products[i.productId], i.quantity]),
      expected,
      "oldest line first",
    );
  }

  await revokeSession(full.session);
  assert.deepEqual(
    await resolveSession(full.seal, new Date(), undefined, true),
    {
      session: null,
      stale: true,
      ended: { type: "anonymous", reason: "ended", idle: false },
    },
    "with its cart or not, an ended session is refused",
  );
});

/** Runs one SQL statement from another process, as a second server or a script would. */
function fromAnotherProcess(sql: string, ...params: string[]) {
  const url = process.env.DATABASE_URL!;
  const script = url.startsWith("file:")
    ? `const db = new (require("better-sqlite3"))(process.argv[1].slice(5)); db.prepare(process.argv[2]).run(...process.argv.slice(3));`
    : `const c = new (require("pg").Client)(process.argv[1]); c.connect().then(() => c.query(process.argv[2].replace(/\\?/g, () => "$" + ++n), process.argv.slice(3))).then(() => c.end()); let n = 0;`;
  execFileSync(process.execPath, ["-e", script, url, sql, ...params], { stdio: "inherit" });
}

test("a session ended by another process is refused on the very next check, though it was checked a moment before", async () => {
  const { session, seal } = await createGuestSession();
  for (const withCart of [false, true, false])
    assert.ok((await resolveSession(seal, new Date(), undefined, withCart)).session, "live, and checked again");
  fromAnotherProcess(`UPDATE "GuestSession" SET "status" = 'revoked' WHERE "id" = ?`, session.id);
  for (const withCart of [false, true]) {
    assert.deepEqual(await resolveSession(seal, new Date(), undefined, withCart), {
      session: null,
      stale: true,
      ended: { type: "anonymous", reason: "ended", idle: false },
    });
  }
});

test("a cart changed by another process shows in the next session check", async () => {
  const category = await db.category.create({ data: { slug: "elsewhere", name: "Elsewhere" } });
  await db.product.create({
    data: {
      slug: "pen-elsewhere",
      name: "Pen",
      description: "",
      priceCents: 100,
      stock: 9,
      image: "/x.svg",
      categoryId: category.id,
    },
  });
  const { seal } = await guestWithSeal([["pen-elsewhere", 2]]);
  const quantities = async () =>
    (await resolveSession(seal, new Date(), undefined, true)).session!.cartItems!.map((i) => i.quantity);
  assert.deepEqual(await quantities(), [2]);
  assert.deepEqual(await quantities(), [2], "asked twice");
  fromAnotherProcess(
    `UPDATE "CartItem" SET "quantity" = 5 WHERE "productId" = (SELECT "id" FROM "Product" WHERE "slug" = ?)`,
    "pen-elsewhere",
  );
  assert.deepEqual(await quantities(), [5]);
});

test("a currency chosen in another process shows in the next session check, though the row was read and decoded before", async () => {
  const { session, seal } = await createGuestSession();
  const currency = async () => (await resolveSession(seal, new Date(), undefined, true)).session!.preferences.currency;
  assert.equal(await currency(), undefined);
  assert.equal(await currency(), undefined, "asked twice");
  fromAnotherProcess(
    `UPDATE "GuestSession" SET "preferences" = ? WHERE "id" = ?`,
    JSON.stringify({ currency: "EUR" }),
    session.id,
  );
  assert.equal(await currency(), "EUR");
});

test("a session ended and a cart changed by this server's own writes show in the very next check, though both were remembered", async () => {
  const category = await db.category.create({ data: { slug: "here", name: "Here" } });
  await db.product.create({
    data: {
      slug: "pen-here",
      name: "Pen",
      description: "",
      priceCents: 100,
      stock: 9,
      image: "/x.svg",
      categoryId: category.id,
    },
  });
  const { session, seal } = await guestWithSeal([["pen-here", 2]]);
  const check = () => resolveSession(seal, new Date(), undefined, true);
  assert.deepEqual(
    (await check()).session!.cartItems!.map((i) => i.quantity),
    [2],
  );
  assert.deepEqual(
    (await check()).session!.cartItems!.map((i) => i.quantity),
    [2],
    "asked twice: the answer is remembered",
  );
  await addItem({ guestSessionId: session.id }, { slug: "pen-here", quantity: 1 });
  assert.deepEqual(
    (await check()).session!.cartItems!.map((i) => i.quantity),
    [3],
  );
  assert.ok((await check()).session, "remembered again");
  await hotWrite((tx) => expireSessionRow(tx, "GuestSession", session.id, new Date()));
  assert.equal((await check()).session, null);
});
