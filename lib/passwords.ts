import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";

// Password and e-mail rules, and Argon2id hashing (@node-rs/argon2's default algorithm).

export const MIN_PASSWORD_LENGTH = 10;

// A short list of the most common passwords that pass the length rule. Compared lower-cased.
const COMMON = new Set([
  "1234567890", "12345678910", "123456789a", "0123456789", "0987654321", "1111111111", "0000000000",
  "password12", "password123", "password1234", "password!!", "passw0rd123", "p@ssw0rd123", "passwordpassword",
  "qwertyuiop", "qwerty1234", "qwerty12345", "qwerty123456", "1q2w3e4r5t", "1qaz2wsx3edc", "zaq12wsx34",
  "asdfghjkl1", "asdfghjkl;", "abcdefghij", "abcd123456", "abc1234567", "iloveyou12", "iloveyou123",
  "letmein123", "welcome123", "welcome1234", "changeme123", "administrator", "admin12345", "football123",
  "baseball123", "sunshine123", "princess123", "superman123", "trustno1234", "monkey12345", "dragon12345",
  "starwars123", "computer123", "whatever123", "michael123", "jennifer123", "shadow12345", "master12345",
  "123123123123", "1212121212", "1122334455", "9876543210", "aaaaaaaaaa", "qweasdzxc123", "loveyou123",
]);

export function isCommonPassword(password: string): boolean {
  return COMMON.has(password.toLowerCase());
}

/** Trimmed and lower-cased, so one person has one account whatever they type. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const emailField = z
  .string({ error: "Enter your e-mail address." })
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "That e-mail address is too long.")
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid e-mail address, like name@example.com." }));

export const newPasswordField = z
  .string({ error: "Choose a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`)
  .max(200, "Use at most 200 characters for your password.")
  .refine((p) => !isCommonPassword(p), "That password is one of the most common ones. Choose another.");

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
