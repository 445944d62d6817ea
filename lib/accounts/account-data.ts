// What an account owns: every table with a column naming the account ("userId", or a guest
// session's or a lead's "convertedUserId"), and what deleting the account does to its rows. One
// declaration, read by the deletion (./store.ts deleteAccountRows), and held to the schema by
// tests/account-data.test.ts: a new account-owned table fails that test until it is placed here,
// so its rows cannot outlive the account unnoticed. (What a guest owns: lib/session/guest-data.ts.)

export type AccountTable =
  | "UserSession"
  | "SavedItem"
  | "Migration"
  | "Cart"
  | "PaymentMethod"
  | "Order"
  | "Event"
  | "OutboxMessage"
  | "OrderClaim"
  | "Lead"
  | "GuestSession";

/**
 * `cascade`: deleted with the account's row (the schema says `onDelete: Cascade`); `delete`;
 * `unlink`: kept, naming no one; `anonymise`: kept for the shop's books without the personal
 * columns (ANONYMISED), naming no one.
 */
export type Deletion = "cascade" | "delete" | "unlink" | "anonymise";

export const ACCOUNT_DATA: Record<AccountTable, { column: "userId" | "convertedUserId"; deletion: Deletion }> = {
  UserSession: { column: "userId", deletion: "cascade" },
  SavedItem: { column: "userId", deletion: "cascade" },
  Migration: { column: "userId", deletion: "cascade" }, // the account's history
  Cart: { column: "userId", deletion: "cascade" }, // its lines go with it
  PaymentMethod: { column: "userId", deletion: "cascade" },
  Order: { column: "userId", deletion: "anonymise" },
  Event: { column: "userId", deletion: "unlink" }, // the totals are in the Tally table already
  OutboxMessage: { column: "userId", deletion: "delete" },
  OrderClaim: { column: "userId", deletion: "delete" },
  Lead: { column: "convertedUserId", deletion: "delete" }, // the e-mail it was left with
  GuestSession: { column: "convertedUserId", deletion: "unlink" }, // ended long ago; the sweep retires it
};

/** An anonymised order's personal columns, blanked (items, totals, currency and country stay). */
export const ANONYMISED = { email: "", name: "", line1: "", line2: null, city: "", postalCode: "" } as const;

/** The account tables whose rows meet `deletion`. */
export const accountTables = (deletion: Deletion): AccountTable[] =>
  (Object.keys(ACCOUNT_DATA) as AccountTable[]).filter((table) => ACCOUNT_DATA[table].deletion === deletion);
