import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import { emailField } from "../mail/address";
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  TOO_LONG,
  TOO_SHORT,
  inputsFromEmail,
  passwordProblem,
} from "./password-strength";

// Password rules, the e-mail's normalizing (its field: lib/mail/address.ts), and Argon2id hashing (@node-rs/argon2's default algorithm).
// Password strength lives in ./password-strength (zxcvbn-ts), which the browser can import too.

export {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  estimatePassword,
  inputsFromEmail,
  passwordProblem,
  type PasswordEstimate,
} from "./password-strength";

/**
 * Why the password is refused for an account with this e-mail, or null when it is fine: everything
 * passwordProblem checks, plus passwords built from the e-mail. For the sign-up schema's object-level
 * superRefine, where both fields are known.
 */
export function refineNewPassword(email: string, password: string): string | null {
  return passwordProblem(password, inputsFromEmail(email));
}

/** Trimmed and lower-cased, so one person has one account whatever they type. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const passwordLength = z
  .string({ error: "Choose a password." })
  .min(MIN_PASSWORD_LENGTH, TOO_SHORT)
  .max(MAX_PASSWORD_LENGTH, TOO_LONG);

/** A new password on its own: length, then passwordProblem without user inputs (see newCredentials). */
const rightLength = (p: string) => p.length >= MIN_PASSWORD_LENGTH && p.length <= MAX_PASSWORD_LENGTH;

export const newPasswordField = passwordLength.superRefine((password, ctx) => {
  if (!rightLength(password)) return; // reported above, one reason at a time
  const problem = passwordProblem(password);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * An e-mail and a new password for it (sign-up): the password is judged once, with the e-mail as
 * context, so that passwords built from the address are refused too.
 */
export const newCredentials = z
  .strictObject({ email: emailField, password: passwordLength })
  .superRefine(({ email, password }, ctx) => {
    if (!rightLength(password)) return;
    const problem = refineNewPassword(email, password);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the e-mail is unknown makes both failures take about as long.
let dummyHash: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hash("not-a-real-password-used-for-timing");
  await verifyPassword(await dummyHash, password);
}
