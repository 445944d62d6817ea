import { config } from "../config";
import { db } from "../db/client";
import { hashPassword, normalizeEmail } from "./passwords";

/**
 * ADMIN_EMAIL and ADMIN_PASSWORD make (or update) the admin account at start-up. Without them
 * there is no admin at all: nothing here ships a default password.
 */
export async function ensureAdmin(): Promise<string | null> {
  const admin = config().admin;
  if (!admin) return null;
  const email = normalizeEmail(admin.email);
  const passwordHash = await hashPassword(admin.password);
  await db.user.upsert({
    where: { email },
    create: { email, passwordHash, isAdmin: true },
    update: { isAdmin: true, passwordHash },
  });
  return email;
}
