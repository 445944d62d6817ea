import { capitalize } from "../text";
import { planCartMerge, sharedProducts, type CartChoice, type LineChoices, MAX_LINE_QUANTITY } from "./merge";
import { DomainError } from "../errors";
import type { MigrationKind } from "../generated/prisma/enums";
import { securityLog } from "../security-log";
import { db } from "../db/client";
import { expireSessionRow } from "../session/store";
import { hotWrite } from "../db/sql";
import { insertEvents } from "../journeys/store";
import { lockCart } from "./store";
import {
  accountOf,
  addSavedItem,
  claimGuestSession,
  guestSessionState,
  insertMigration,
  linesOf,
  lockGuestCart,
  migrationOf,
  moveGuestRecords,
  replaceLines,
  updateAccount,
  type MigrationRow,
} from "./migration-store";
import type { Sql } from "../db/sql";
import { flushEvents } from "../journeys/events";
import type { Preferences } from "../session/preferences-model";
import { eventPropertiesColumn } from "../journeys/store";
import { migrationDetailsColumn } from "./migration-store";
import { preferencesColumn } from "../session/store";
import type { Session } from "../session/types";

// Guest → account, in one transaction, once. Everything the guest did moves: the cart (by the
// shopper's choice), preferences, the A/B variant, the guest orders of this session, its events
// (re-attributed to the account, keeping the guest id, so one journey reads from first visit to
// purchase), its leads (converted) and its outbox. The guest session ends as "converted" and its
// cookie never works again.

export type { MigrationKind };

/** A line choice for a product that is not in both carts (422: nothing is migrated). */
export const unknownLines = (productIds: string[]) =>
  new DomainError(
    "invalid_input",
    `lineChoices may only name products found in both carts; these are not: ${productIds.join(", ")}.`,
    {
      field: "lineChoices",
    },
  );

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

const summaryOf = (m: MigrationRow): MigrationSummary => ({
  fromSessionId: m.guestSessionId,
  cartChoice: m.cartChoice,
  cartItems: m.cartItems,
  savedForLater: m.savedForLater,
  preferences: m.preferences,
  events: m.events,
  orders: m.orders,
});

/**
 * Moves the guest's cart into the account's by the shopper's choice (lib/cart/merge.ts plans it).
 * Lines keep the time they were first added, so the cart still reads oldest first.
 */
async function moveCart(
  tx: Sql,
  guestCartId: string | undefined,
  userId: string,
  choice: CartChoice,
  lineChoices: LineChoices,
  now: Date,
) {
  const guestLines = guestCartId ? await linesOf(tx, guestCartId) : [];
  const accountCartId = await lockCart(tx, { userId }, now);
  const accountLines = await linesOf(tx, accountCartId);
  // A line choice may only name a product found in both carts; anything else changes nothing.
  const shared = new Set(sharedProducts(guestLines, accountLines));
  const unknown = Object.keys(lineChoices).filter((id) => !shared.has(id));
  if (unknown.length > 0) throw unknownLines(unknown);
  const plan = planCartMerge(guestLines, accountLines, choice, lineChoices);

  const firstAdded = new Map<string, Date>();
  for (const l of [...accountLines, ...guestLines]) {
    const known = firstAdded.get(l.productId);
    if (!known || l.addedAt < known) firstAdded.set(l.productId, l.addedAt);
  }
  await replaceLines(
    tx,
    accountCartId,
    plan.cart.map((l) => ({ ...l, addedAt: firstAdded.get(l.productId) ?? now })),
  );
  for (const l of plan.savedForLater) await addSavedItem(tx, userId, l.productId, l.quantity, MAX_LINE_QUANTITY, now);
  if (guestCartId) await replaceLines(tx, guestCartId, []);
  return plan;
}

/** Sign-up: the guest's become the account's. Log-in: the account's win, the guest's fill gaps. */
function mergePreferences(kind: MigrationKind, guest: Preferences, account: Preferences): Preferences {
  return kind === "signup" ? { ...account, ...guest } : { ...guest, ...account };
}

/**
 * Migrates a live guest session into `userId`, as one hot write (./lib/db/migration-writes.ts).
 * Returns null when there is nothing to migrate (unknown, expired, revoked, or converted to
 * another account). Converted to this same account already (a double submit, a second tab)
 * returns the first migration's summary: it runs once.
 */
export async function migrateGuestSession(
  params: {
    guestSessionId: string;
    userId: string;
    kind: MigrationKind;
    cartChoice?: CartChoice;
    lineChoices?: LineChoices;
  },
  now = new Date(),
): Promise<MigrationSummary | null> {
  const { guestSessionId, userId, kind } = params;
  const cartChoice: CartChoice = params.cartChoice ?? "combine";
  await flushEvents(); // so that the guest's latest events move too
  let converted = false;
  const result = await hotWrite(async (tx): Promise<MigrationSummary | null> => {
    converted = false; // PostgreSQL runs this again after a deadlock
    const guestCartId = await lockGuestCart(tx, guestSessionId, now);
    // Then claim the session (the cart first: a checkout's lock order). A concurrent migration
    // that lost the race finds it converted.
    const guest = await claimGuestSession(tx, guestSessionId, userId, now);
    if (!guest) {
      const state = await guestSessionState(tx, guestSessionId);
      if (state?.status === "active") await expireSessionRow(tx, "GuestSession", guestSessionId, now); // live no longer
      // Converted to this same account already: the first migration's summary.
      const earlier = state?.status === "converted" ? await migrationOf(tx, guestSessionId) : null;
      return earlier && earlier.userId === userId ? summaryOf(earlier) : null;
    }
    converted = true;

    const plan = await moveCart(tx, guestCartId, userId, cartChoice, params.lineChoices ?? {}, now);
    const { orders, events } = await moveGuestRecords(tx, guestSessionId, userId, now);
    const account = await accountOf(tx, userId);
    if (!account) throw new Error(`No account ${userId} to migrate into.`);
    const guestPrefs = preferencesColumn.decode(guest.preferences);
    const preferences = mergePreferences(kind, guestPrefs, preferencesColumn.decode(account.preferences));
    // The account keeps the variant the guest saw, unless it already has its own.
    await updateAccount(tx, userId, preferencesColumn.encode(preferences), account.variant ?? guest.variant);

    const row = {
      guestSessionId,
      userId,
      kind,
      cartChoice,
      cartItems: plan.guestLinesAdded,
      savedForLater: plan.savedForLater.length,
      preferences: Object.keys(guestPrefs).length > 0,
      orders,
      events,
      createdAt: now,
      details: migrationDetailsColumn.encode({ cart: plan.cart, savedForLater: plan.savedForLater }),
    };
    await insertMigration(tx, row);
    await insertEvents(tx, [
      {
        name: "migration",
        authState: "authenticated",
        guestSessionId,
        userId,
        createdAt: now,
        properties: eventPropertiesColumn.encode({
          kind,
          cartChoice,
          cartItems: row.cartItems,
          savedForLater: row.savedForLater,
        }),
      },
    ]);
    return summaryOf(row);
  });
  if (converted && result) {
    await securityLog("session.converted", { sessionId: guestSessionId, userId });
    await securityLog("migration", {
      sessionId: guestSessionId,
      userId,
      kind,
      cartChoice,
      cartItems: result.cartItems,
      orders: result.orders,
    });
  }
  return result;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Where to land after sign-up or log-in: the cart when cart items moved, else the account. */
export const welcomePath = (m: MigrationSummary | null) =>
  m && m.cartItems + m.savedForLater > 0 ? "/cart?welcome=1" : "/account?welcome=1";

/**
 * "2 products from this browser's cart were added to your cart; 1 product saved for later."
 * It counts lines, so it says products: "items" counts units everywhere else (the header, the cart).
 */
export function describeMigration(m: MigrationSummary): string {
  const parts: string[] = [];
  if (m.cartItems > 0) {
    parts.push(
      `${plural(m.cartItems, "product", "products")} from this browser's cart ${m.cartItems === 1 ? "was" : "were"} added to your cart`,
    );
  }
  if (m.savedForLater > 0) parts.push(`${plural(m.savedForLater, "product", "products")} saved for later`);
  if (m.preferences) parts.push("your preferences came along");
  if (m.orders > 0) parts.push(`${plural(m.orders, "guest order", "guest orders")} attached to your account`);
  if (parts.length === 0) return "Your guest session was linked to your account; there was nothing in it to move.";
  const text = parts.join("; ");
  return `${capitalize(text)}.`;
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
