// What a guest session owns: every table with a "guestSessionId" column, and what happens to its
// rows when the session moves to a new id at checkout (rotation), becomes an account (migration)
// and is deleted by the sweep (retention). One declaration, read by all three
// (lib/session/store.ts, lib/cart/migration-store.ts), and held to the schema by
// tests/guest-data.test.ts: a new guest-owned table fails that test until it is placed here, so
// its rows can neither stay behind at rotation, miss the account, nor outlive the guest.
// (What an account owns, and its deletion: lib/accounts/account-data.ts.)

export type GuestTable = "Cart" | "Order" | "Lead" | "OutboxMessage" | "Event" | "Migration" | "RestoreToken";

type Fate = {
  /** `follow`: the rows take the new id; `stay`: they keep the ended one and die with it. */
  rotation: "follow" | "stay";
  /**
   * `attach`: the rows get the account's userId (kept under the guest's id too); `convert`: a
   * lead is marked converted by the account; `merge`: the cart meets the account's
   * (lib/cart/migration.ts); `none`: nothing (the migration's own record; a restore link, which
   * dies with the converted session: lib/cart/leads.ts).
   */
  migration: "attach" | "convert" | "merge" | "none";
  /** `delete`; `unlink` (kept without the guest's id); `unlink-if-account`: kept without it when an account shares the row, else deleted. */
  retention: "delete" | "unlink" | "unlink-if-account";
};

export const GUEST_DATA: Record<GuestTable, Fate> = {
  Cart: { rotation: "follow", migration: "merge", retention: "delete" }, // its lines go with it (ON DELETE CASCADE)
  Order: { rotation: "follow", migration: "attach", retention: "unlink" }, // the shop's books; a converted guest's belong to the account
  Lead: { rotation: "follow", migration: "convert", retention: "delete" },
  OutboxMessage: { rotation: "follow", migration: "attach", retention: "unlink-if-account" },
  Event: { rotation: "follow", migration: "attach", retention: "unlink" }, // the totals are in the Tally table already
  Migration: { rotation: "stay", migration: "none", retention: "unlink" }, // the account's history ("From a guest session")
  // An e-mailed cart's link and snapshot: it outlives its session's idle or absolute end for
  // EMAILED_CART_DAYS (at most GUEST_RETENTION_DAYS, so retention never takes it first), and dies
  // with a rotation (the cart was checked out) or a conversion (the cart went to the account).
  RestoreToken: { rotation: "stay", migration: "none", retention: "delete" },
};

/** The guest tables whose rows meet `fate` in `operation`. */
export const guestTables = <O extends keyof Fate>(operation: O, fate: Fate[O]): GuestTable[] =>
  (Object.keys(GUEST_DATA) as GuestTable[]).filter((table) => GUEST_DATA[table][operation] === fate);
