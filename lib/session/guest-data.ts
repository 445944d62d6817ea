// What a guest session owns: every table with a "guestSessionId" column, and what happens to its
// rows when the session moves to a new id at checkout (rotation) and when the sweep deletes it
// (retention). One declaration, read by both (lib/db/hot-writes.ts), and held to the schema by
// tests/guest-data.test.ts: a new guest-owned table fails that test until it is placed here, so
// its rows can neither stay behind at rotation nor outlive the guest.
// (Migration into an account and account deletion still name their tables in their own modules.)

export type GuestTable = "Cart" | "Order" | "Lead" | "OutboxMessage" | "Event" | "Migration" | "RestoreToken";

type Fate = {
  /** `follow`: the rows take the new id; `stay`: they keep the ended one and die with it. */
  rotation: "follow" | "stay";
  /** `delete`; `unlink` (kept without the guest's id); `unlink-if-account`: kept without it when an account shares the row, else deleted. */
  retention: "delete" | "unlink" | "unlink-if-account";
};

export const GUEST_DATA: Record<GuestTable, Fate> = {
  Cart: { rotation: "follow", retention: "delete" }, // its lines go with it (ON DELETE CASCADE)
  Order: { rotation: "follow", retention: "unlink" }, // the shop's books; a converted guest's belong to the account
  Lead: { rotation: "follow", retention: "delete" },
  OutboxMessage: { rotation: "follow", retention: "unlink-if-account" },
  Event: { rotation: "follow", retention: "unlink" }, // the totals are in the Tally table already
  Migration: { rotation: "stay", retention: "unlink" }, // the account's history ("From a guest session")
  RestoreToken: { rotation: "stay", retention: "delete" }, // a link dies with the session it came from
};

/** The guest tables whose rows meet `fate` in `operation`. */
export const guestTables = <O extends keyof Fate>(operation: O, fate: Fate[O]): GuestTable[] =>
  (Object.keys(GUEST_DATA) as GuestTable[]).filter((table) => GUEST_DATA[table][operation] === fate);
