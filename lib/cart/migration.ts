import { lineInclude, planCartMerge, sharedProducts, toMergeLine, type CartChoice, type LineChoices, MAX_LINE_QUANTITY } from "./merge";
import { DomainError } from "../errors";
import type { MigrationKind } from "../generated/prisma/enums";
import { securityLog } from "../security-log";
import { db, type Tx } from "../db/client";
import { flushEvents } from "../journeys/events";
import type { Preferences } from "../session/preferences-model";
import { eventPropertiesColumn, migrationDetailsColumn, preferencesColumn } from "../db/codecs";
import type { Session } from "../session/session";

// Guest → account, in one transaction, once. Everything the guest did moves: the cart (by the
// shopper's choice), preferences, the A/B variant, the guest orders of this session, its events
// (re-attributed to the account, keeping the guest id, so one journey reads from first visit to
// purchase), its leads (converted) and its outbox. The guest session ends as "converted" and its
// cookie never works again.

export type { MigrationKind };

/** A line choice for a product that is not in both carts (422: nothing is migrated). */
export const unknownLines = (productIds: string[]) =>
  new DomainError("invalid_input", `lineChoices may only name products found in both carts; these are not: ${productIds.join(", ")}.`, {
    field: "lineChoices",
  });

/** The API's documented `migration` object. */
export type MigrationSummary = {
  /** null in the history once the guest session itself is deleted (GUEST_RETENTION_DAYS after it ended). */
  fromSessionId: string | null;
  cartChoice: CartChoice;
  cartItems: number;
  savedForLater: number;
  preferences: boolean;
  events: number;
  orders: number;
};

type MigrationRow = {
  guestSessionId: string | null; cartChoice: CartChoice; cartItems: number; savedForLater: number;
  preferences: boolean; events: number; orders: number;
};

const summaryOf = (m: MigrationRow): MigrationSummary => ({
  fromSessionId: m.guestSessionId,
  cartChoice: m.cartChoice,
  cartItems: m.cartItems,
  savedForLater: m.savedForLater,
  preferences: m.preferences,
  events: m.events,
  orders: m.orders,
});


async function moveCart(tx: Tx, guestSessionId: string, userId: string, choice: CartChoice, lineChoices: LineChoices) {
  const guestCart = await tx.cart.findUnique({ where: { guestSessionId }, include: { items: lineInclude } });
  const guestLines = (guestCart?.items ?? []).map(toMergeLine);
  const accountCart = await tx.cart.upsert({
    where: { userId }, create: { userId }, update: {}, include: { items: lineInclude },
  });
  const accountLines = accountCart.items.map(toMergeLine);
  // A line choice may only name a product found in both carts; anything else changes nothing.
  const shared = new Set(sharedProducts(guestLines, accountLines));
  const unknown = Object.keys(lineChoices).filter((id) => !shared.has(id));
  if (unknown.length > 0) throw unknownLines(unknown);
  const plan = planCartMerge(guestLines, accountLines, choice, lineChoices);

  await tx.cartItem.deleteMany({ where: { cartId: accountCart.id } });
  await tx.cartItem.createMany({
    data: plan.cart.map((l) => ({ cartId: accountCart.id, productId: l.productId, quantity: l.quantity })),
  });
  for (const l of plan.savedForLater) {
    const existing = await tx.savedItem.findUnique({ where: { userId_productId: { userId, productId: l.productId } } });
    await tx.savedItem.upsert({
      where: { userId_productId: { userId, productId: l.productId } },
      create: { userId, productId: l.productId, quantity: Math.min(l.quantity, MAX_LINE_QUANTITY) },
      update: { quantity: Math.min((existing?.quantity ?? 0) + l.quantity, MAX_LINE_QUANTITY) },
    });
  }
  if (guestCart) await tx.cartItem.deleteMany({ where: { cartId: guestCart.id } });
  return plan;
}

/** Sign-up: the guest's become the account's. Log-in: the account's win, the guest's fill gaps. */
function mergePreferences(kind: MigrationKind, guest: Preferences, account: Preferences): Preferences {
  return kind === "signup" ? { ...account, ...guest } : { ...guest, ...account };
}

/**
 * Migrates a live guest session into `userId`. Returns null when there is nothing to migrate
 * (unknown, expired, revoked, or converted to another account). Converted to this same account
 * already (a double submit, a second tab) returns the first migration's summary: it runs once.
 */
export async function migrateGuestSession(
  params: { guestSessionId: string; userId: string; kind: MigrationKind; cartChoice?: CartChoice; lineChoices?: LineChoices },
  now = new Date(),
): Promise<MigrationSummary | null> {
  const { guestSessionId, userId, kind } = params;
  const cartChoice: CartChoice = params.cartChoice ?? "combine";
  await flushEvents(); // so that the guest's latest events move too
  let converted = false;
  const result = await db.$transaction(async (tx) => {
    // Converted to this same account already: the first migration's summary.
    const earlier = async () => {
      const done = await tx.migration.findUnique({ where: { guestSessionId } });
      return done && done.userId === userId ? summaryOf(done) : null;
    };
    const guest = await tx.guestSession.findUnique({ where: { id: guestSessionId } });
    if (!guest) return null;
    if (guest.status === "converted") return earlier();
    if (guest.status !== "active") return null;
    if (guest.expiresAt <= now) {
      await tx.guestSession.update({ where: { id: guestSessionId }, data: { status: "expired", endedAt: now } });
      return null;
    }
    // Claim the session first: a concurrent migration that lost the race finds it converted (on
    // PostgreSQL it waits here for the winner to commit, then reads what the winner wrote).
    const claimed = await tx.guestSession.updateMany({
      where: { id: guestSessionId, status: "active" },
      data: { status: "converted", convertedUserId: userId, endedAt: now },
    });
    if (claimed.count !== 1) return earlier();
    converted = true;

    const plan = await moveCart(tx, guestSessionId, userId, cartChoice, params.lineChoices ?? {});
    // Orders placed in this very guest session, never orders matched by e-mail.
    const orders = await tx.order.updateMany({ where: { guestSessionId, userId: null }, data: { userId } });
    const events = await tx.event.updateMany({ where: { guestSessionId, userId: null }, data: { userId } });
    await tx.lead.updateMany({ where: { guestSessionId, convertedAt: null }, data: { convertedAt: now, convertedUserId: userId } });
    await tx.outboxMessage.updateMany({ where: { guestSessionId, userId: null }, data: { userId } });

    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    const guestPrefs = preferencesColumn.decode(guest.preferences);
    const preferences = mergePreferences(kind, guestPrefs, preferencesColumn.decode(user.preferences));
    await tx.user.update({
      where: { id: userId },
      data: {
        preferences: preferencesColumn.encode(preferences),
        // The account keeps the variant the guest saw, unless it already has its own.
        variant: user.variant ?? guest.variant,
      },
    });

    const row = await tx.migration.create({
      data: {
        guestSessionId,
        userId,
        kind,
        cartChoice,
        cartItems: plan.guestLinesAdded,
        savedForLater: plan.savedForLater.length,
        preferences: Object.keys(guestPrefs).length > 0,
        orders: orders.count,
        events: events.count,
        details: migrationDetailsColumn.encode({ cart: plan.cart, savedForLater: plan.savedForLater }),
        createdAt: now,
      },
    });
    const summary = summaryOf(row);
    await tx.event.create({
      data: { name: "migration", authState: "authenticated", guestSessionId, userId, createdAt: now,
        properties: eventPropertiesColumn.encode({ kind, cartChoice, cartItems: summary.cartItems, savedForLater: summary.savedForLater }) },
    });
    return summary;
  });
  if (converted && result) {
    await securityLog("session.converted", { sessionId: guestSessionId, userId });
    await securityLog("migration", { sessionId: guestSessionId, userId, kind, cartChoice, cartItems: result.cartItems, orders: result.orders });
  }
  return result;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 items from your guest cart were added; 1 saved for later." */
/** Where to land after sign-up or log-in: the cart when cart items moved, else the account. */
export const welcomePath = (m: MigrationSummary | null) =>
  m && m.cartItems + m.savedForLater > 0 ? "/cart?welcome=1" : "/account?welcome=1";

export function describeMigration(m: MigrationSummary): string {
  const parts: string[] = [];
  if (m.cartItems > 0) {
    parts.push(`${plural(m.cartItems, "item", "items")} from your guest cart ${m.cartItems === 1 ? "was" : "were"} added to your cart`);
  }
  if (m.savedForLater > 0) parts.push(`${plural(m.savedForLater, "item", "items")} saved for later`);
  if (m.preferences) parts.push("your preferences came along");
  if (m.orders > 0) parts.push(`${plural(m.orders, "guest order", "guest orders")} attached to your account`);
  if (parts.length === 0) return "Your guest session was linked to your account; there was nothing in it to move.";
  const text = parts.join("; ");
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

export async function migrationHistory(userId: string) {
  const rows = await db.migration.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    createdAt: r.createdAt,
    summary: summaryOf(r),
    details: migrationDetailsColumn.decode(r.details),
  }));
}

/**
 * The "what moved" sentence for a session that just signed up or logged in, found through the
 * session's own migratedFrom, so no id ever travels in a URL.
 */
export async function welcomeMessage(session: Session | null): Promise<string | null> {
  if (session?.type !== "authenticated" || !session.migratedFrom) return null;
  const row = await db.migration.findUnique({ where: { guestSessionId: session.migratedFrom } });
  return row && row.userId === session.userId ? describeMigration(summaryOf(row)) : null;
}
