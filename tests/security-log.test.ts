// The security log on a real SQLite file: the lifecycle of sessions, a checkout's rotation, a
// migration and a rate-limit refusal each write a JSON line, and no line holds a raw session id,
// an e-mail in clear, or a card number. (Log-in failures and origin refusals are request-bound:
// e2e/security.spec.ts reads the server's log for those.)
import "./helpers/test-db";
import { account } from "./helpers/fixtures";
import assert from "node:assert/strict";
import fs from "node:fs";
import { before, test } from "node:test";
import { addItem } from "../lib/cart/cart";
import { placeOrder } from "../lib/checkout/checkout";
import { migrateGuestSession } from "../lib/cart/migration";
import { hit } from "../lib/limits/rate-limit";
import { maskEmail } from "../lib/security-log";
import { createGuestSession, revokeSession } from "../lib/session/lifecycle";
import { resolveSession } from "../lib/session/check";
import { sweepGuestSessions } from "../lib/sweep/sweep";
import { seedIfEmpty } from "../prisma/seed";

before(() => seedIfEmpty());

type Line = {
  event: string;
  level: number;
  time: string;
  session?: string;
  newSession?: string;
  email?: string;
  [k: string]: unknown;
};
const lines = (): Line[] =>
  fs
    .readFileSync(process.env.LOG_FILE!, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

test("e-mails are masked to their first letter and domain", () => {
  assert.equal(maskEmail("jane.doe@example.com"), "j***@example.com");
  assert.equal(maskEmail("nonsense"), "***");
});

test("sessions, a checkout's rotation, a migration and a refusal are logged without raw ids, e-mails or cards", async () => {
  const ids: string[] = [];
  // Created, then ended, then its cookie replayed.
  const ended = await createGuestSession();
  ids.push(ended.session.id);
  await revokeSession(ended.session);
  assert.equal((await resolveSession(ended.seal)).session, null);
  // Past its expiry: the sweep marks it.
  const old = await createGuestSession(new Date(Date.now() - 2 * 86_400_000));
  ids.push(old.session.id);
  assert.ok((await sweepGuestSessions()).expiredSessions >= 1);
  // A guest buys (rotation), then signs up (conversion and migration).
  const buyer = await createGuestSession();
  ids.push(buyer.session.id);
  await addItem({ guestSessionId: buyer.session.id }, { slug: "soy-candle", quantity: 1 });
  const card = "4242424242424242";
  const { nextSession } = await placeOrder(buyer.session, {
    email: "secret.buyer@example.com",
    name: "Secret Buyer",
    address: { line1: "1 Log St", city: "Logton", postalCode: "1", country: "GB" },
    card: { number: card, expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: "123" },
  });
  ids.push(nextSession!.id);
  const user = await account({ email: "logged.member@example.com" });
  await migrateGuestSession({ guestSessionId: nextSession!.id, userId: user.id, kind: "signup" });
  // A limit refused.
  await hit("leads", "log-test", 1);
  await assert.rejects(hit("leads", "log-test", 1));

  const log = lines();
  const events = log.map((l) => l.event);
  for (const event of [
    "session.created",
    "session.ended",
    "session.replay_refused",
    "session.expired",
    "order.placed",
    "session.revoked",
    "session.converted",
    "migration",
    "rate_limited",
  ]) {
    assert.ok(events.includes(event), `${event} is logged`);
  }
  for (const line of log) {
    assert.ok(!Number.isNaN(Date.parse(line.time)), "every line has a time");
    if (line.session) assert.match(line.session, /^[0-9a-f]{24}$/, "a keyed hash, not an id");
  }
  const rotation = log.find((l) => l.event === "session.revoked" && l.reason === "rotated_at_checkout")!;
  assert.ok(rotation.session && rotation.newSession && rotation.session !== rotation.newSession);
  const text = fs.readFileSync(process.env.LOG_FILE!, "utf8");
  for (const id of ids) assert.ok(!text.includes(id), "no raw session id");
  for (const secret of [
    card,
    "4242 4242 4242 4242",
    "secret.buyer@example.com",
    "Secret Buyer",
    "logged.member@example.com",
  ]) {
    assert.ok(!text.includes(secret), `${secret} is not in the log`);
  }
});
