import { forbidden } from "./errors";

// The one permission policy: which scopes each kind of session carries. Every server action
// and route handler asks `requireScope`; nothing else decides what a session may do.

export const SCOPES = [
  "view_content",
  "add_to_cart",
  "guest_checkout",
  "checkout",
  "view_member_content",
  "save_payment_method",
  "view_orders",
  "view_analytics",
  "manage_sessions",
] as const;
export type Scope = (typeof SCOPES)[number];

export type SessionType = "anonymous" | "authenticated" | "admin";

const POLICY: Record<SessionType, readonly Scope[]> = {
  // view_orders for guests means the orders of their own guest session only.
  anonymous: ["view_content", "add_to_cart", "guest_checkout", "view_orders"],
  authenticated: [
    "view_content",
    "add_to_cart",
    "checkout",
    "view_member_content",
    "save_payment_method",
    "view_orders",
  ],
  admin: [
    "view_content",
    "add_to_cart",
    "checkout",
    "view_member_content",
    "save_payment_method",
    "view_orders",
    "view_analytics",
    "manage_sessions",
  ],
};

/** Plain words for the session inspector. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  view_content: "Browse the catalog and product pages.",
  add_to_cart: "Keep a cart: add, change and remove items.",
  guest_checkout: "Buy as a guest with an e-mail address, without an account.",
  checkout: "Buy as a member, with saved cards.",
  view_member_content: "See members-only content such as the full deals page.",
  save_payment_method: "Save a card to the account (asks for the password again).",
  view_orders: "See orders: a guest sees only the orders of this guest session.",
  view_analytics: "See the admin dashboard of journeys and conversions.",
  manage_sessions: "Look up any session (by the hash in the security log, or an account's e-mail) and end it.",
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/**
 * The scopes of a session type. `anonNarrowing` (ANON_PERMISSIONS) can only remove scopes from
 * the anonymous set, never add one.
 */
export function permissionsFor(type: SessionType, anonNarrowing: readonly string[] | null = null): Scope[] {
  const scopes = [...POLICY[type]];
  if (type !== "anonymous" || anonNarrowing === null) return scopes;
  return scopes.filter((s) => anonNarrowing.includes(s));
}

/** Scopes listed in ANON_PERMISSIONS that are not anonymous scopes (a configuration mistake). */
export function invalidAnonScopes(list: readonly string[]): string[] {
  return list.filter((s) => !POLICY.anonymous.includes(s as Scope));
}

const SIGN_UP_HINT: Partial<Record<Scope, string>> = {
  checkout: "Members check out here; guests use guest checkout.",
  view_member_content: "Create a free account to see members-only content.",
  save_payment_method: "Guests can't save cards. Create an account to save one.",
  view_analytics: "Only an administrator can see analytics.",
  manage_sessions: "Only an administrator can look up and end other people's sessions.",
};

/** Throws a 403 domain error when `permissions` lacks `scope`. */
export function requireScope(permissions: readonly Scope[], scope: Scope): void {
  if (permissions.includes(scope)) return;
  throw forbidden(
    SIGN_UP_HINT[scope] ??
      `This session is not allowed to ${SCOPE_DESCRIPTIONS[scope].toLowerCase().replace(/\.$/, "")}`,
  );
}
