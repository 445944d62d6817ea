import type { Scope } from "../permissions";
import type { Preferences } from "./preferences-model";
import { DomainError } from "../errors";

// What a session is, as every room sees it: a guest's or a member's, who owns what it makes, and
// why one has ended. No behaviour beyond reading these shapes.

/** A cart's content as the session JSON says it: product by product, oldest line first. */
export type CartQuantity = { productId: string; quantity: number };

export type GuestSession = {
  type: "anonymous";
  id: string;
  createdAt: Date;
  expiresAt: Date;
  /** When it ends if no request comes before (GUEST_IDLE_TIMEOUT after the last one). */
  idleExpiresAt: Date;
  preferences: Preferences;
  variant: string | null;
  permissions: Scope[];
  /** Its cart when the session was checked, read with its row (`withCart`); else absent. */
  cartItems?: readonly CartQuantity[];
};

export type UserSession = {
  type: "authenticated";
  id: string;
  /** What "Your sessions" shows and ends it by (never the id). */
  publicId: string;
  userId: string;
  email: string;
  isAdmin: boolean;
  createdAt: Date;
  expiresAt: Date;
  /** When it ends if no request comes before (USER_IDLE_TIMEOUT after the last one). */
  idleExpiresAt: Date;
  /** The guest session whose state moved into the account at this log-in, if any. */
  migratedFrom: string | null;
  preferences: Preferences;
  variant: string | null;
  permissions: Scope[];
  /** Its cart when the session was checked, read with its row (`withCart`); else absent. */
  cartItems?: readonly CartQuantity[];
};

export type Session = GuestSession | UserSession;

/** The signed-in session, or a refusal (403) with `why` for a guest or a visitor without a session. */
export function requireMember(session: Session | null, why: string): UserSession {
  if (session?.type !== "authenticated") throw new DomainError("forbidden", why);
  return session;
}

/** Who owns what a session makes (a cart, orders, messages): the guest session, or the account. */
export type Owner = { guestSessionId: string } | { userId: string };
export const ownerOf = (session: Session): Owner =>
  session.type === "anonymous" ? { guestSessionId: session.id } : { userId: session.userId };

export type SessionType = Session["type"];

/**
 * Why the session a cookie names can no longer be used, when the shop knows it: it expired (its
 * lifetime, or for a guest its idle timeout), it was ended (log-out, "End this session", another
 * tab, an administrator, a checkout's rotation), or the guest became an account. The JSON API
 * says it as `replacedSession: { reason }`; pages and forms say `describeEnd`.
 */
export type SessionEnd = {
  type: SessionType;
  reason: "expired" | "ended" | "converted";
  idle: boolean;
  /**
   * Present (true) when a checkout ended it by giving the same guest a new id: the request that
   * carries the old id lost a race to that checkout (a double submit, another tab), and its
   * browser already holds, or is about to get, the new cookie, which it must not clear.
   */
  rotated?: true;
};
