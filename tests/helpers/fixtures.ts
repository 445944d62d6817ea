// Shoppers for the tests, made the way the shop makes them: a guest session with a cart (and
// preferences), an account with a password, and a member (an account signed in).
import assert from "node:assert/strict";
import { addItem } from "../../lib/cart/cart";
import { db } from "../../lib/db/client";
import { hashPassword } from "../../lib/accounts/passwords";
import { createGuestSession, createUserSession } from "../../lib/session/lifecycle";
import { resolveSession } from "../../lib/session/check";
import { type Owner, type Session, type UserSession } from "../../lib/session/types";

export const PASSWORD = "correct horse battery";

let n = 0;
/** A fresh address per call: tests share their file's database. */
export const uniqueEmail = (prefix = "member") => `${prefix}${++n}-${Date.now()}@example.com`;

/**
 * Adds `lines` ([slug, quantity]) a millisecond apart, as a person would: a cart lists its lines
 * oldest first, and two added in the same millisecond would fall back to their random ids.
 */
async function addLines(owner: Owner, lines: [string, number][]) {
  const start = Date.now();
  for (const [index, [slug, quantity]] of lines.entries())
    await addItem(owner, { slug, quantity }, new Date(start + index));
}

/** A live guest session holding `lines` ([slug, quantity]), and its cookie value. */
export async function guestWithSeal(
  lines: [string, number][] = [],
  preferences = "{}",
): Promise<{ session: Session; seal: string }> {
  const { seal, session } = await createGuestSession();
  await db.guestSession.update({ where: { id: session.id }, data: { preferences } });
  await addLines({ guestSessionId: session.id }, lines);
  return { session: (await resolveSession(seal)).session!, seal };
}

/** A live guest session holding `lines`. */
export const guest = async (lines: [string, number][] = [], preferences = "{}") =>
  (await guestWithSeal(lines, preferences)).session;

export type AccountOptions = {
  email?: string;
  isAdmin?: boolean;
  /** The account's JSON preferences column, e.g. '{"currency":"GBP"}'. */
  preferences?: string;
  variant?: string | null;
  /** Its cart: [slug, quantity]. */
  lines?: [string, number][];
};

// Argon2id costs the same every time: PASSWORD is hashed once per test process, on first use.
let passwordHash: Promise<string> | undefined;

/** An account with PASSWORD, signed in nowhere yet: for tests that sign in themselves. */
export async function account({
  email = uniqueEmail(),
  isAdmin = false,
  preferences = "{}",
  variant = null,
  lines = [],
}: AccountOptions = {}) {
  passwordHash ??= hashPassword(PASSWORD);
  const user = await db.user.create({
    data: { email, passwordHash: await passwordHash, isAdmin, preferences, variant },
  });
  await addLines({ userId: user.id }, lines);
  return user;
}

/** A member: an account (see account) signed in, and its cookie value. */
export async function memberWithSeal(options: AccountOptions = {}): Promise<{ session: UserSession; seal: string }> {
  const { seal } = await createUserSession((await account(options)).id, null);
  const { session } = await resolveSession(seal);
  assert.ok(session?.type === "authenticated", "the member's cookie is a signed-in session");
  return { session, seal };
}

/** A member with PASSWORD, signed in. */
export const member = async (options: AccountOptions = {}) => (await memberWithSeal(options)).session;

/** A product of the calling test file's own (`prefix`), so no other test moves its stock. */
export const ownProduct = (prefix: string, stock: number, priceCents: number) => {
  const serial = ++n;
  return db.product.create({
    data: {
      slug: `${prefix}-${serial}`,
      name: `${prefix} ${serial}`,
      description: "",
      priceCents,
      stock,
      image: "/x.svg",
      category: { connect: { slug: "home" } },
    },
  });
};
