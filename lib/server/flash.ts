import "server-only";
import crypto from "node:crypto";
import { cookies } from "next/headers";
import { z } from "zod";
import { config } from "../config";
import { secureCookies } from "./request";

// What an action tells the page it redirects to ("Session … is ended", "Your account is deleted",
// "2 guest orders are now attached"). Such a banner comes from server state, never from the
// address: a query string is anyone's to write, and a crafted link would make the shop tell a
// visitor something that never happened. So the action leaves a flash: a short-lived cookie,
// signed with the session secret (a cookie planted by a sibling host cannot pass), which the
// page it lands on reads. Pages cannot delete a cookie while rendering, so it simply expires.

/** Cleared when a new session starts (session-cookie.ts): a flash speaks to the session state it was set in. */
export const FLASH_COOKIE = "passerby_flash";
const FLASH_SECONDS = 60;

const count = z.number().int().min(0);

/** Every kind of flash and what it carries: a page shows only the kinds it knows. */
const flashSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("account_deleted"), sessions: count, cards: count, saved: count, orders: count }),
  z.object({ kind: z.literal("admin_ended"), hash: z.string().regex(/^[0-9a-f]{24}$/i) }),
  z.object({ kind: z.literal("orders_claimed"), orders: count }),
  z.object({ kind: z.literal("claim_refused"), message: z.string().max(500) }),
  z.object({ kind: z.literal("logged_out"), reason: z.enum(["asked", "ended_here"]) }),
  z.object({
    kind: z.literal("cart_restore"),
    status: z.enum(["restored", "same_browser", "used", "expired", "invalid", "refused"]),
    added: count,
    unavailable: count,
  }),
]);

export type Flash = z.infer<typeof flashSchema>;
type Kind = Flash["kind"];

const sign = (payload: string) =>
  crypto.createHmac("sha256", config().sessionSecrets[0]).update(`flash:${payload}`).digest("base64url");

/** For actions: leaves `flash` for the next page this browser loads within a minute. */
export async function setFlash(flash: Flash): Promise<void> {
  const payload = Buffer.from(JSON.stringify(flashSchema.parse(flash))).toString("base64url");
  const https = await secureCookies();
  (await cookies()).set(FLASH_COOKIE, `${payload}.${sign(payload)}`, {
    httpOnly: true,
    sameSite: "lax",
    secure: https,
    path: "/",
    maxAge: FLASH_SECONDS,
  });
}

/** For pages: the flash of kind `kind` an action left for this browser, or null (none, another kind, forged). */
export async function readFlash<K extends Kind>(kind: K): Promise<Extract<Flash, { kind: K }> | null> {
  const value = (await cookies()).get(FLASH_COOKIE)?.value ?? "";
  const [payload, signature] = value.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const flash = flashSchema.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return flash.kind === kind ? (flash as Extract<Flash, { kind: K }>) : null;
  } catch {
    return null;
  }
}
