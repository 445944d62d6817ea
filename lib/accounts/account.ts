import { z } from "zod";
import { config } from "../config";
import type { Ctx } from "../session/context";
import { db } from "../db/client";
import { hotWrite } from "../db/sql";
import { DomainError, fieldsRefused } from "../errors";
import { hit } from "../limits/rate-limit";
import { securityLog } from "../security-log";
import { renewUserSession } from "../session/request";
import { requireMember, type UserSession } from "../session/types";
import { sendMessage } from "../mail/outbox";
import { flushEvents } from "../journeys/events";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, refineNewPassword, verifyPassword } from "./passwords";
import { endOtherSessions, live } from "./sessions";
import { deleteAccountRows } from "./store";

// The account's own security: asking for the password again, changing it (which ends every
// other session, ASVS V7.4.3, and gives this one a new id, V7.2.4) and deleting the account (which ends all of them: V7.4.2).

const password = (sentence: string) => z.string({ error: sentence }).min(1, sentence).max(MAX_PASSWORD_LENGTH);

/**
 * Only the shape: changePassword judges both fields itself, in one pass, so that one answer names
 * every problem (a refusal here would come before the current password is even checked).
 */
export const changePasswordInput = z.strictObject({
  currentPassword: z.string({ error: "Enter your current password." }).max(MAX_PASSWORD_LENGTH).optional(),
  // No limit on the length here: too long is one of the new password's problems, named with the others.
  newPassword: z.string({ error: "Choose a new password." }).optional(),
});

export const deleteAccountInput = z.strictObject({ password: password("Enter your password to delete your account.") });

/**
 * Whether this is the member's password. It is a log-in attempt: counted against the log-in limit
 * first, right or wrong, or a stolen session could guess the password here without limit.
 */
async function isPassword(me: UserSession, attempt: string): Promise<boolean> {
  await hit("logins", `email:${me.email}`, config().rateLimits.logins);
  const user = await db.user.findUniqueOrThrow({ where: { id: me.userId }, select: { passwordHash: true } });
  return verifyPassword(user.passwordHash, attempt);
}

/** Checks the member's password again before something that matters (isPassword), refusing on `field`. */
export async function confirmPassword(me: UserSession, attempt: string, field: string, refusal: string): Promise<void> {
  if (!(await isPassword(me, attempt))) throw new DomainError("invalid_password", refusal, { field });
}

/** Why the new password can't be the account's, or null: its length, then how easy it is to guess. */
function newPasswordProblem(email: string, newPassword: string | undefined): string | null {
  if (!newPassword) return "Choose a new password.";
  if (newPassword.length < MIN_PASSWORD_LENGTH)
    return `Use at least ${MIN_PASSWORD_LENGTH} characters for your new password.`;
  if (newPassword.length > MAX_PASSWORD_LENGTH)
    return `Use at most ${MAX_PASSWORD_LENGTH} characters for your new password.`;
  return refineNewPassword(email, newPassword);
}

/**
 * Changes the password and ends every other session of the account; this one goes on under a new
 * id. Every problem with the two fields is named in one refusal.
 */
export async function changePassword(
  ctx: Ctx,
  input: z.infer<typeof changePasswordInput>,
): Promise<{ endedSessions: number }> {
  const me = requireMember(ctx.session, "Log in to change your password.");
  const { currentPassword, newPassword } = input;
  const problems: Record<string, string> = {};
  // The current password is tested only through isPassword, so every try counts against the limit.
  const wrong = !!currentPassword && !(await isPassword(me, currentPassword));
  if (!currentPassword) problems.currentPassword = "Enter your current password.";
  else if (wrong) problems.currentPassword = "That is not your current password, so nothing was changed.";
  // The new password is judged even when the current one is wrong: its strength depends only on
  // what was typed as new and on the account's e-mail, which whoever holds this session knows,
  // and the same judge runs without limit on the sign-up form and in the browser's meter; it tells
  // no one anything about the account's password. "The same as the current one" compares the two
  // typed values, and only once the current one proved right: comparing the new one with the
  // stored hash would be a second, uncounted guess at the password.
  const same = !!currentPassword && !wrong && newPassword === currentPassword;
  const weak = same
    ? "Choose a new password that is different from the current one."
    : newPasswordProblem(me.email, newPassword);
  if (weak) problems.newPassword = weak;
  // (A missing new password is among the problems; it is named again for the type checker.)
  if (!newPassword || Object.keys(problems).length > 0)
    throw fieldsRefused(wrong ? "invalid_password" : "invalid_input", problems);

  await db.user.update({ where: { id: me.userId }, data: { passwordHash: await hashPassword(newPassword) } });
  const endedSessions = await endOtherSessions(ctx, "password_changed");
  await renewUserSession(ctx, me, "rotated_at_password_change");
  await securityLog("password.changed", { userId: me.userId, email: me.email, endedSessions });
  return { endedSessions };
}

export type DeletedAccount = {
  email: string;
  removed: {
    sessions: number;
    savedCards: number;
    savedItems: number;
    cartItems: number;
    messages: number;
    leads: number;
  };
  /** Kept for the shop's figures, without name, e-mail or address, and linked to no one. */
  ordersAnonymised: number;
};

/**
 * Deletes the account: ends every session, removes its personal data (e-mail, password, saved
 * cards, saved items, cart, messages, leads, preferences) and keeps its orders only as anonymous
 * records (items, totals, country). Its events stay, linked to no one. Table by table as
 * ./account-data.ts says, in one transaction. A message confirms it.
 */
export async function deleteAccount(ctx: Ctx, input: z.infer<typeof deleteAccountInput>): Promise<DeletedAccount> {
  const me = requireMember(ctx.session, "Log in to delete your account.");
  await confirmPassword(me, input.password, "password", "That password is not right, so your account was not deleted.");
  const userId = me.userId;
  await flushEvents(); // so that the latest events are unlinked too
  // Counted for the message just before; a session started meanwhile is ended all the same.
  const held = {
    sessions: await db.userSession.count({ where: live(userId, ctx.now) }),
    savedCards: await db.paymentMethod.count({ where: { userId } }),
    savedItems: await db.savedItem.count({ where: { userId } }),
    cartItems: await db.cartItem.count({ where: { cart: { userId } } }),
  };
  const result = await hotWrite(async (tx) => {
    const changed = await deleteAccountRows(tx, userId);
    return {
      email: me.email,
      removed: { ...held, messages: changed.OutboxMessage ?? 0, leads: changed.Lead ?? 0 },
      ordersAnonymised: changed.Order ?? 0,
    };
  });
  await ctx.cookies.clear();
  await securityLog("account.deleted", { userId, email: me.email, ordersAnonymised: result.ordersAnonymised });
  await sendMessage({
    to: me.email,
    subject: "Your Passerby account is deleted",
    text: [
      "Your Passerby account and everything personal in it are deleted:",
      `- ${result.removed.sessions} signed-in session(s) ended`,
      `- ${result.removed.savedCards} saved card(s), ${result.removed.savedItems} saved item(s) and your cart removed`,
      `- ${result.ordersAnonymised} order(s) kept for the shop's figures only, without your name, e-mail or address`,
      "",
      "This is the last message we send to this address.",
    ].join("\n"),
    links: [],
  });
  return result;
}
