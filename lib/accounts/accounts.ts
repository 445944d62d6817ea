import { z } from "zod";
import {
  CART_CHOICES,
  LINE_CHOICES,
  lineInclude,
  planCartMerge,
  toMergeLine,
  type CartChoice,
  type LineChoice,
  type MergeLine,
  type MergePlan,
} from "../cart/merge";
import { config } from "../config";
import type { Ctx } from "../session/context";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { recordEvent } from "../journeys/events";
import { migrateGuestSession, unknownLines, welcomePath, type MigrationSummary } from "../cart/migration";
import { burnVerifyTime, hashPassword, newCredentials, normalizeEmail, verifyPassword } from "./passwords";
import { hit, hitsThisWindow, unhit } from "../limits/rate-limit";
import { securityLog } from "../security-log";
import { openLoginProof, sealLoginProof } from "./login-proof";
import { startUserSession } from "../session/request";
import { type Session } from "../session/types";

// Sign-up and log-in. Both always issue a new session id in a new cookie (no session fixation)
// and migrate the visitor's live guest session into the account.

export const signupInput = newCredentials;
/** More line choices than any cart has products is a mistake (or an attack on the parser). */
const MAX_LINES = 200;

export const loginInput = z
  .strictObject({
    email: z.string({ error: "Enter your e-mail address." }).min(1, "Enter your e-mail address.").max(254),
    password: z.string({ error: "Enter your password." }).max(200).default(""),
    /** The log-in page's second step, without the password: ./login-proof.ts. */
    proof: z.string().max(2000).optional(),
    cartChoice: z.enum(CART_CHOICES, { error: `cartChoice must be one of ${CART_CHOICES.join(", ")}.` }).optional(),
    /** Per product found in both carts (by product id), what to do instead of cartChoice. */
    lineChoices: z
      // Read as the raw [key, value] pairs the client sent: z.record drops a "__proto__" key unchecked,
      // and every key must reach the migration's check of product ids (an unknown one is a 422).
      .preprocess(
        (raw) => (raw !== null && typeof raw === "object" && !Array.isArray(raw) ? Object.entries(raw) : raw),
        z
          .array(
            z.tuple([
              z
                .string()
                .min(1, "lineChoices names a product with an empty id.")
                .max(64, "lineChoices names a product id longer than 64 characters."),
              z.enum(LINE_CHOICES, { error: `Each line choice must be one of ${LINE_CHOICES.join(", ")}.` }),
            ]),
            {
              error: "lineChoices must be an object of product ids to line choices.",
            },
          )
          .max(MAX_LINES, `lineChoices may name at most ${MAX_LINES} products.`),
      )
      .transform((pairs): Record<string, LineChoice> => Object.assign(Object.create(null), Object.fromEntries(pairs)))
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.password && !input.proof)
      ctx.addIssue({ code: "custom", path: ["password"], message: "Enter your password." });
  });

export type PublicUser = { id: string; email: string; createdAt: string; isAdmin: boolean };
const publicUser = (u: { id: string; email: string; createdAt: Date; isAdmin: boolean }): PublicUser => ({
  id: u.id,
  email: u.email,
  createdAt: u.createdAt.toISOString(),
  isAdmin: u.isAdmin,
});

export type AuthResult = { user: PublicUser; migration: MigrationSummary | null };

/** Where the browser goes after signing in: the administrator to the dashboard, a shopper to what moved. */
export const landingPath = (result: AuthResult) => (result.user.isAdmin ? "/admin" : welcomePath(result.migration));

const INVALID_CREDENTIALS = "The e-mail or password is not right.";

function notSignedIn({ session }: Ctx): Session | null {
  if (session?.type === "authenticated") {
    throw new DomainError("already_signed_in", "You are already logged in. Log out first to use another account.");
  }
  return session;
}

/**
 * Signs up with the body as the client sent it (the route's JSON, the form's fields). The sign-up
 * limit counts the attempt before the body is judged: judging a password (zxcvbn) and hashing it
 * (Argon2id) are the costly parts, and a refused body counts like any other attempt.
 */
export async function signUp(ctx: Ctx, body: unknown): Promise<AuthResult> {
  const guest = notSignedIn(ctx);
  await hit("signups", ctx.network, config().rateLimits.signups, ctx.now.getTime()); // the request's time: one window for the whole request
  const input = signupInput.parse(body);
  const taken = () => new DomainError("email_taken", undefined, { field: "email" });
  // Hashed before the e-mail is looked up, so a registered and a new e-mail take the same time:
  // the 409 still tells (shops say "already registered"), but timing adds nothing to it.
  const passwordHash = await hashPassword(input.password);
  if (await db.user.findUnique({ where: { email: input.email } })) throw taken();
  const user = await db.user.create({ data: { email: input.email, passwordHash } }).catch((error: unknown) => {
    if ((error as { code?: string }).code === "P2002") throw taken(); // a concurrent sign-up won
    throw error;
  });
  const migration = guest
    ? await migrateGuestSession({ guestSessionId: guest.id, userId: user.id, kind: "signup" })
    : null;
  await startUserSession(ctx, user.id, migration?.fromSessionId ?? null);
  await securityLog("signup", { userId: user.id, email: user.email, fromSession: migration ? true : false });
  await recordEvent("signup", {
    authState: "authenticated",
    userId: user.id,
    guestSessionId: migration?.fromSessionId,
  });
  return { user: publicUser(user), migration };
}

// Log-in throttling, keyed so that a stranger's failures cannot lock the owner out:
// - per address and e-mail: RATE_LIMIT_LOGINS_PER_MIN attempts (the guessing from one place);
// - per address, any e-mails: 5× that (one address spraying many accounts);
// - per e-mail, from anywhere: attempts past RATE_LIMIT_LOGINS_PER_MIN slow every further attempt
//   down (a growing delay, up to MAX_DELAY_MS), and past 10× it the account's log-in pauses for
//   the rest of the minute. The owner, from their own address, is only ever slowed down by
//   attempts elsewhere, unless an attacker spreads ten times the limit over many addresses.
// The per-e-mail budget is reserved before the password is checked, in one atomic statement, and
// given back only when the password was right: a burst of guesses sent at once cannot all read
// the count from before the burst, so at most 10× the limit reach Argon2 in a minute.
const MAX_DELAY_MS = 4_000;

export function failureDelayMs(failures: number, perMinute: number): number {
  if (failures < perMinute) return 0;
  return Math.min(MAX_DELAY_MS, 250 * 2 ** Math.min(failures - perMinute, 10));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Checks the credentials under the throttling above. */
async function authenticate(ctx: Ctx, email: string, password: string) {
  const normalized = normalizeEmail(email);
  const ip = ctx.network;
  const perMinute = config().rateLimits.logins;
  const now = ctx.now.getTime();
  await hit("logins", `${ip}|${normalized}`, perMinute, now);
  await hit("logins_ip", ip, perMinute * 5, now);
  // Reserved (throws: paused for the minute), then read back: the attempts before this one,
  // failed or still being checked, set its delay.
  await hit("login_failures", normalized, perMinute * 10, now);
  const before = (await hitsThisWindow("login_failures", normalized, now)) - 1;
  await sleep(failureDelayMs(before, perMinute));
  const user = await db.user.findUnique({ where: { email: normalized } });
  // An unknown e-mail costs the same Argon2id work as a wrong password: no user enumeration.
  const ok = user ? await verifyPassword(user.passwordHash, password) : (await burnVerifyTime(password), false);
  if (!user || !ok) {
    await securityLog("login.failed", { email: normalized, reason: user ? "wrong_password" : "unknown_email" });
    throw new DomainError("invalid_credentials", INVALID_CREDENTIALS); // the reservation stays: a failure
  }
  await unhit("login_failures", normalized, now); // the right password: not a failure
  return user;
}

/** The account a log-in proof vouches for (the second step without the password), if it still does. */
async function proven(proof: string, email: string, guestSessionId: string | undefined) {
  const user =
    guestSessionId && (await openLoginProof(proof, guestSessionId, (id) => db.user.findUnique({ where: { id } })));
  if (!user || user.email !== normalizeEmail(email)) {
    await securityLog("login.failed", { email: normalizeEmail(email), reason: "stale_proof" });
    throw new DomainError("invalid_credentials", "That step of the log-in has expired. Enter your password again.", {
      field: "password",
    });
  }
  return user;
}

export type CartChoicePreview = {
  guestItems: number;
  accountItems: number;
  plans: Record<CartChoice, MergePlan>;
  /** Both carts' lines, so the page can show the plan for any choice, line by line (planCartMerge). */
  guestLines: MergeLine[];
  accountLines: MergeLine[];
};

/** What each cart choice would do, when both the guest and the account have a cart. */
async function previewChoices(guestSessionId: string, userId: string): Promise<CartChoicePreview | null> {
  const include = { items: lineInclude };
  const [guestCart, accountCart] = await Promise.all([
    db.cart.findUnique({ where: { guestSessionId }, include }),
    db.cart.findUnique({ where: { userId }, include }),
  ]);
  const guest = (guestCart?.items ?? []).map(toMergeLine);
  const account = (accountCart?.items ?? []).map(toMergeLine);
  if (guest.length === 0 || account.length === 0) return null;
  const plans = Object.fromEntries(CART_CHOICES.map((c) => [c, planCartMerge(guest, account, c)])) as Record<
    CartChoice,
    MergePlan
  >;
  return { guestItems: guest.length, accountItems: account.length, plans, guestLines: guest, accountLines: account };
}

/**
 * Logs in. With `askForCartChoice` (the log-in page) and no choice made, when both carts hold
 * items nothing happens yet: the caller gets the preview to show, and the shopper chooses.
 */
export async function logIn(
  ctx: Ctx,
  input: z.infer<typeof loginInput>,
  options: { askForCartChoice?: boolean } = {},
): Promise<AuthResult | { needsCartChoice: CartChoicePreview; proof: string }> {
  const guest = notSignedIn(ctx);
  const user =
    !input.password && input.proof
      ? await proven(input.proof, input.email, guest?.id)
      : await authenticate(ctx, input.email, input.password);
  const lineChoices = Object.keys(input.lineChoices ?? {});
  if (!guest && lineChoices.length > 0) throw unknownLines(lineChoices); // no guest cart to merge
  if (guest && options.askForCartChoice && !input.cartChoice) {
    const preview = await previewChoices(guest.id, user.id);
    if (preview) return { needsCartChoice: preview, proof: await sealLoginProof(user, guest.id) };
  }
  const migration = guest
    ? await migrateGuestSession({
        guestSessionId: guest.id,
        userId: user.id,
        kind: "login",
        cartChoice: input.cartChoice,
        lineChoices: input.lineChoices,
      })
    : null;
  await startUserSession(ctx, user.id, migration?.fromSessionId ?? null);
  await securityLog("login.succeeded", { userId: user.id, email: user.email });
  await recordEvent("login", { authState: "authenticated", userId: user.id, guestSessionId: migration?.fromSessionId });
  return { user: publicUser(user), migration };
}
