import { z } from "zod";
import { CART_CHOICES, planCartMerge, type CartChoice, type MergePlan } from "./cart-merge";
import { config } from "./config";
import { db } from "./db";
import { DomainError } from "./errors";
import { recordEvent } from "./events";
import { migrateGuestSession, type MigrationSummary } from "./migration";
import { burnVerifyTime, emailField, hashPassword, newPasswordField, normalizeEmail, verifyPassword } from "./passwords";
import { hit } from "./rate-limit";
import { clientIp } from "./request";
import { sessionForAction, startUserSession, type Session } from "./session";

// Sign-up and log-in. Both always issue a new session id in a new cookie (no session fixation)
// and migrate the visitor's live guest session into the account.

export const signupInput = z.object({ email: emailField, password: newPasswordField });
export const loginInput = z.object({
  email: z.string({ error: "Enter your e-mail address." }).min(1, "Enter your e-mail address.").max(254),
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200),
  cartChoice: z.enum(CART_CHOICES, { error: `cartChoice must be one of ${CART_CHOICES.join(", ")}.` }).optional(),
});

export type PublicUser = { id: string; email: string; createdAt: string };
const publicUser = (u: { id: string; email: string; createdAt: Date }): PublicUser => ({
  id: u.id, email: u.email, createdAt: u.createdAt.toISOString(),
});

export type AuthResult = { user: PublicUser; migration: MigrationSummary | null };

const INVALID_CREDENTIALS = "The e-mail or password is not right.";

async function notSignedIn(): Promise<Session | null> {
  const session = await sessionForAction();
  if (session?.type === "authenticated") {
    throw new DomainError("already_signed_in", "You are already logged in. Log out first to use another account.", 409);
  }
  return session;
}

export async function signUp(input: z.infer<typeof signupInput>): Promise<AuthResult> {
  const guest = await notSignedIn();
  await hit("signups", await clientIp(), config().rateLimits.signups);
  const taken = () =>
    new DomainError("email_taken", "An account with this e-mail already exists. Log in instead.", 409, { field: "email" });
  if (await db.user.findUnique({ where: { email: input.email } })) throw taken();
  const passwordHash = await hashPassword(input.password);
  const user = await db.user.create({ data: { email: input.email, passwordHash } }).catch((error: unknown) => {
    if ((error as { code?: string }).code === "P2002") throw taken(); // a concurrent sign-up won
    throw error;
  });
  const migration = guest ? await migrateGuestSession({ guestSessionId: guest.id, userId: user.id, kind: "signup" }) : null;
  await startUserSession(user.id, migration?.fromSessionId ?? null);
  await recordEvent("signup", { authState: "authenticated", userId: user.id, guestSessionId: migration?.fromSessionId });
  return { user: publicUser(user), migration };
}

/** Checks the credentials, counting the attempt per client IP and per e-mail. */
async function authenticate(email: string, password: string) {
  const normalized = normalizeEmail(email);
  const perMinute = config().rateLimits.logins;
  await hit("logins", `ip:${await clientIp()}`, perMinute);
  await hit("logins", `email:${normalized}`, perMinute);
  const user = await db.user.findUnique({ where: { email: normalized } });
  if (!user) {
    await burnVerifyTime(password); // the same work as a wrong password: no user enumeration
    throw new DomainError("invalid_credentials", INVALID_CREDENTIALS, 401);
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new DomainError("invalid_credentials", INVALID_CREDENTIALS, 401);
  }
  return user;
}

export type CartChoicePreview = { guestItems: number; accountItems: number; plans: Record<CartChoice, MergePlan> };

/** What each cart choice would do, when both the guest and the account have a cart. */
async function previewChoices(guestSessionId: string, userId: string): Promise<CartChoicePreview | null> {
  const include = { items: { include: { product: { select: { name: true, stock: true } } } } };
  const [guestCart, accountCart] = await Promise.all([
    db.cart.findUnique({ where: { guestSessionId }, include }),
    db.cart.findUnique({ where: { userId }, include }),
  ]);
  const lines = (cart: typeof guestCart) =>
    (cart?.items ?? []).map((i) => ({ productId: i.productId, name: i.product.name, quantity: i.quantity, stock: i.product.stock }));
  const guest = lines(guestCart);
  const account = lines(accountCart);
  if (guest.length === 0 || account.length === 0) return null;
  const plans = Object.fromEntries(CART_CHOICES.map((c) => [c, planCartMerge(guest, account, c)])) as Record<CartChoice, MergePlan>;
  return { guestItems: guest.length, accountItems: account.length, plans };
}

/**
 * Logs in. With `askForCartChoice` (the log-in page) and no choice made, when both carts hold
 * items nothing happens yet: the caller gets the preview to show, and the shopper chooses.
 */
export async function logIn(
  input: z.infer<typeof loginInput>,
  options: { askForCartChoice?: boolean } = {},
): Promise<AuthResult | { needsCartChoice: CartChoicePreview }> {
  const guest = await notSignedIn();
  const user = await authenticate(input.email, input.password);
  if (guest && options.askForCartChoice && !input.cartChoice) {
    const preview = await previewChoices(guest.id, user.id);
    if (preview) return { needsCartChoice: preview };
  }
  const migration = guest
    ? await migrateGuestSession({ guestSessionId: guest.id, userId: user.id, kind: "login", cartChoice: input.cartChoice })
    : null;
  await startUserSession(user.id, migration?.fromSessionId ?? null);
  await recordEvent("login", { authState: "authenticated", userId: user.id, guestSessionId: migration?.fromSessionId });
  return { user: publicUser(user), migration };
}
