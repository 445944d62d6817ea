// Shoppers for the tests, made the way the shop makes them: a guest session with a cart (and
// preferences), and a member with a password and a signed-in session.
import { addItem } from "../../lib/cart/cart";
import { db } from "../../lib/db/client";
import { hashPassword } from "../../lib/accounts/passwords";
import { createGuestSession, createUserSession } from "../../lib/session/lifecycle";
import { resolveSession } from "../../lib/session/check";
import { type Session } from "../../lib/session/types";

export const PASSWORD = "correct horse battery";

let n = 0;
/** A fresh address per call: tests share their file's database. */
export const uniqueEmail = (prefix = "member") => `${prefix}${++n}-${Date.now()}@example.com`;

/** A live guest session holding `lines` ([slug, quantity]), and its cookie value. */
export async function guestWithSeal(lines: [string, number][] = [], preferences = "{}"): Promise<{ session: Session; seal: string }> {
  const { seal, session } = await createGuestSession();
  await db.guestSession.update({ where: { id: session.id }, data: { preferences } });
  for (const [slug, quantity] of lines) await addItem({ guestSessionId: session.id }, { slug, quantity });
  return { session: (await resolveSession(seal)).session!, seal };
}

/** A live guest session holding `lines`. */
export const guest = async (lines: [string, number][] = [], preferences = "{}") => (await guestWithSeal(lines, preferences)).session;

/** A member with PASSWORD, signed in. */
export async function member(): Promise<Session> {
  const user = await db.user.create({ data: { email: uniqueEmail(), passwordHash: await hashPassword(PASSWORD) } });
  const { seal } = await createUserSession(user.id, null);
  return (await resolveSession(seal)).session!;
}
