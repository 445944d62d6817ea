// A year of a busy small shop, written straight into a migrated and seeded SQLite file for
// `npm run bench:scale` (scripts/bench/bench-scale.ts): guest sessions spread over 365 days (most
// expired, a tenth converted into accounts, the last day's still active or not yet swept), their
// events, orders, leads, carts, restore links and rate-limit windows, in the shapes the shop
// itself writes. Secondary indexes and the dashboard's triggers are dropped while rows go in and
// made again after (the totals counted once, lib/journeys/tallies.ts), which is several times
// faster than keeping them up to date row by row.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { RECOUNT_SQL } from "../../lib/journeys/tallies";
import { keyedHash } from "../../lib/ids";
import { sqliteDate as at } from "../../lib/db/sqlite";
import { must } from "../must";

export type ScaleSize = { guestSessions: number; users: number; events: number; orders: number; leads: number };
export const YEAR: ScaleSize = {
  guestSessions: 1_000_000,
  users: 100_000,
  events: 5_000_000,
  orders: 200_000,
  leads: 50_000,
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TABLES = [
  "GuestSession",
  "User",
  "UserSession",
  "Event",
  "Order",
  "OrderItem",
  "Lead",
  "Migration",
  "Cart",
  "CartItem",
  "RestoreToken",
  "RateLimitWindow",
] as const;
type Table = (typeof TABLES)[number];

/** A deterministic generator, so that two runs build the same shop. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Fills `file` and returns how many rows each table holds. `passwordHash` is every shopper's. */
export function fillShop(file: string, now: Date, passwordHash: string, size: ScaleSize = YEAR): Record<Table, number> {
  const sqlite = new Database(file);
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF"); // rows go in parent first anyway; checking each costs a lookup
  sqlite.pragma("cache_size = -262144"); // 256 MiB while filling
  const indexes = sqlite
    .prepare(
      `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN (${TABLES.map(() => "?").join(", ")})`,
    )
    .all(...TABLES) as { type: string; name: string; sql: string }[];
  for (const { type, name } of indexes) sqlite.exec(`DROP ${type.toUpperCase()} "${name}"`);

  const rand = random(2026);
  const pick = <T>(items: readonly T[]) => must(items[Math.floor(rand() * items.length)], "an item to pick");
  const products = sqlite.prepare(`SELECT "id", "priceCents" FROM "Product"`).all() as {
    id: string;
    priceCents: number;
  }[];
  const insert = (table: string, columns: string[]) =>
    sqlite.prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
    );
  const guestRow = insert("GuestSession", [
    "id",
    "createdAt",
    "expiresAt",
    "lastSeenAt",
    "status",
    "endedAt",
    "preferences",
    "variant",
    "exposedAt",
    "convertedUserId",
    "logHash",
  ]);
  const userRow = insert("User", ["id", "email", "passwordHash", "isAdmin", "createdAt", "preferences", "variant"]);
  const userSessionRow = insert("UserSession", [
    "id",
    "userId",
    "createdAt",
    "expiresAt",
    "lastSeenAt",
    "status",
    "endedAt",
    "migratedFrom",
    "publicId",
    "userAgent",
    "logHash",
  ]);
  const eventRow = insert("Event", ["id", "name", "authState", "guestSessionId", "userId", "properties", "createdAt"]);
  const orderRow = insert("Order", [
    "id",
    "number",
    "guestSessionId",
    "userId",
    "status",
    "email",
    "name",
    "line1",
    "city",
    "postalCode",
    "country",
    "currency",
    "totalAmount",
    "cardBrand",
    "cardLast4",
    "createdAt",
  ]);
  const orderItemRow = insert("OrderItem", ["id", "orderId", "productId", "name", "quantity", "unitAmount"]);
  const leadRow = insert("Lead", ["id", "guestSessionId", "email", "createdAt", "convertedAt", "convertedUserId"]);
  const migrationRow = insert("Migration", [
    "id",
    "guestSessionId",
    "userId",
    "kind",
    "cartChoice",
    "cartItems",
    "savedForLater",
    "preferences",
    "events",
    "orders",
    "createdAt",
  ]);
  const cartRow = insert("Cart", ["id", "guestSessionId", "userId", "createdAt", "updatedAt"]);
  const cartItemRow = insert("CartItem", ["id", "cartId", "productId", "quantity", "addedAt"]);
  const restoreRow = insert("RestoreToken", [
    "id",
    "tokenHash",
    "guestSessionId",
    "lines",
    "expiresAt",
    "usedAt",
    "createdAt",
  ]);
  const windowRow = insert("RateLimitWindow", ["key", "windowStart", "count"]);

  const ids = { event: 0, order: 0, item: 0, other: 0 };
  const id = (prefix: string, n: number) => `${prefix}${n.toString(36).padStart(9, "0")}`;
  const userId = (u: number) => id("usr", u);
  const counts = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<Table, number>;
  const add = (table: Table, statement: Database.Statement, ...values: unknown[]) => {
    statement.run(...values);
    counts[table]++;
  };
  const event = (
    name: string,
    authState: string,
    guest: string | null,
    user: string | null,
    time: number,
    properties = "{}",
  ) => add("Event", eventRow, id("evt", ids.event++), name, authState, guest, user, properties, at(new Date(time)));
  const order = (guest: string | null, user: string | null, time: number) => {
    const orderId = `ord_${id("", ids.order++)}`;
    const lines = 1 + Math.floor(rand() * 2);
    let total = 0;
    const items = Array.from({ length: lines }, () => pick(products));
    for (const p of items) total += p.priceCents;
    add(
      "Order",
      orderRow,
      orderId,
      ids.order.toString(16).toUpperCase().padStart(8, "0"), // unique, like the migration's numbers for old orders
      guest,
      user,
      "paid",
      `buyer${ids.order}@example.test`,
      "Ada Buyer",
      "1 Main Street",
      "Springfield",
      "12345",
      "US",
      "USD",
      total,
      "visa",
      "4242",
      at(new Date(time)),
    );
    for (const p of items)
      add("OrderItem", orderItemRow, id("itm", ids.item++), orderId, p.id, "Product", 1, p.priceCents);
  };
  const cart = (guest: string | null, user: string | null, time: number) => {
    const cartId = id("crt", ids.other++);
    add("Cart", cartRow, cartId, guest, user, at(new Date(time)), at(new Date(time)));
    const product = pick(products);
    add("CartItem", cartItemRow, id("cit", ids.other++), cartId, product.id, 1, at(new Date(time)));
  };

  const start = now.getTime() - 365 * DAY;
  const memberOrders = Math.round(size.orders / 4);
  const guestOrderShare = (size.orders - memberOrders) / size.guestSessions;
  const leadShare = size.leads / size.guestSessions;
  const convertedShare = size.users / size.guestSessions; // every account began as a guest
  const bytes = crypto.randomBytes(16 * size.guestSessions);
  let users = 0;
  sqlite.transaction(() => {
    for (let i = 0; i < size.guestSessions; i++) {
      const guest = `guest_${bytes.subarray(16 * i, 16 * i + 16).toString("base64url")}`;
      const created = start + (i / size.guestSessions) * 365 * DAY + Math.floor(rand() * 60_000);
      const expires = created + 24 * HOUR;
      const lastSeen = created + Math.floor(rand() * 30 * 60_000);
      const variant = rand() < 0.5 ? "A" : "B";
      const exposed = rand() < 0.9 ? created + 1_000 : null;
      const converts = Math.floor((i + 1) * convertedShare) > Math.floor(i * convertedShare);
      const age = now.getTime() - created;
      // Ended sessions older than a day were swept long ago; the last day's are still "active"
      // when they expired or went idle since the last sweep, which is the next sweep's work.
      let status = converts ? "converted" : rand() < 0.01 ? "revoked" : "expired";
      let ended: number | null = converts
        ? lastSeen
        : status === "revoked"
          ? lastSeen
          : Math.min(expires, lastSeen + 2 * HOUR);
      if (status === "expired" && age < 36 * HOUR) [status, ended] = ["active", null];
      const user = converts ? userId(users++) : null;
      add(
        "GuestSession",
        guestRow,
        guest,
        at(new Date(created)),
        at(new Date(expires)),
        at(new Date(lastSeen)),
        status,
        ended === null ? null : at(new Date(ended)),
        "{}",
        variant,
        exposed === null ? null : at(new Date(exposed)),
        user,
        keyedHash(guest),
      );

      event("page_view", "anonymous", guest, null, created);
      if (exposed !== null) event("experiment_exposure", "anonymous", guest, null, exposed, `{"variant":"${variant}"}`);
      event("product_view", "anonymous", guest, null, created + 20_000);
      const carts = rand() < 0.4;
      const checks = carts && rand() < 0.5;
      const orders = checks && rand() < guestOrderShare / 0.2;
      if (carts) event("cart_add", "anonymous", guest, null, created + 40_000, `{"quantity":1}`);
      if (checks) event("checkout_started", "anonymous", guest, null, created + 60_000);
      if (orders) {
        event("order_placed", "anonymous", guest, null, created + 80_000);
        order(guest, user, created + 80_000);
      }
      if (
        (rand() < leadShare * 1.05 || size.guestSessions - i <= size.leads - counts.Lead) &&
        counts.Lead < size.leads
      ) {
        add(
          "Lead",
          leadRow,
          id("led", ids.other++),
          guest,
          `lead${i}@example.test`,
          at(new Date(created + 50_000)),
          user && at(new Date(ended!)),
          user,
        );
        event("lead_captured", "anonymous", guest, null, created + 50_000);
      }
      // A cart that outlives its session until the sweep: the last days', and the active ones'.
      if (carts && (status === "active" || age < 3 * DAY) && status !== "converted")
        cart(guest, null, created + 40_000);
      if (user) {
        const kind = rand() < 0.7 ? "signup" : "login";
        add(
          "User",
          userRow,
          user,
          `shopper${users}@example.test`,
          passwordHash,
          0,
          at(new Date(ended!)),
          "{}",
          variant,
        );
        add(
          "Migration",
          migrationRow,
          id("mig", ids.other++),
          guest,
          user,
          kind,
          pick(["combine", "keep_account", "use_guest"]),
          carts ? 1 : 0,
          0,
          1,
          4,
          orders ? 1 : 0,
          at(new Date(ended!)),
        );
        const sessionEnd = ended! + 30 * DAY;
        add(
          "UserSession",
          userSessionRow,
          `auth_${id("", i)}`,
          user,
          at(new Date(ended!)),
          at(new Date(sessionEnd)),
          at(new Date(ended!)),
          sessionEnd < now.getTime() ? "expired" : "active",
          sessionEnd < now.getTime() ? at(new Date(sessionEnd)) : null,
          guest,
          `ses_${id("", i)}`,
          "Mozilla/5.0",
          keyedHash(`auth_${id("", i)}`),
        );
        event(kind, "authenticated", guest, user, ended!);
        event("migration", "authenticated", guest, user, ended!);
      }
    }
  })();

  // Members come back: their orders, carts, and page views up to the size's events.
  sqlite.transaction(() => {
    while (counts.Order < size.orders && users > 0) {
      const user = userId(Math.floor(rand() * users));
      const time = now.getTime() - Math.floor(rand() * 300 * DAY);
      event("cart_add", "authenticated", null, user, time - 60_000, `{"quantity":1}`);
      event("checkout_started", "authenticated", null, user, time - 30_000);
      event("order_placed", "authenticated", null, user, time);
      order(null, user, time);
    }
    for (let u = 0; u < users; u += 10) cart(null, userId(u), now.getTime() - Math.floor(rand() * 30 * DAY));
    while (counts.Event < size.events) {
      const time = now.getTime() - Math.floor(rand() * 365 * DAY);
      if (users > 0 && rand() < 0.3)
        event("page_view", "authenticated", null, userId(Math.floor(rand() * users)), time);
      else event("page_view", "anonymous", null, null, time);
    }
    for (let t = 0; t < 20_000; t++) {
      const time = now.getTime() - Math.floor(rand() * 60 * DAY);
      add(
        "RestoreToken",
        restoreRow,
        id("rst", t),
        crypto.randomBytes(32).toString("hex"),
        "guest_gone",
        "[]",
        at(new Date(time + DAY)),
        t % 3 ? null : at(new Date(time + HOUR)),
        at(new Date(time)),
      );
    }
    for (let w = 0; w < 20_000; w++)
      add("RateLimitWindow", windowRow, `cart:${id("", w)}`, at(new Date(now.getTime() - (2 + (w % 600)) * 60_000)), 1);
  })();

  for (const { sql } of indexes) sqlite.exec(sql);
  sqlite.exec(`DELETE FROM "Tally"; INSERT INTO "Tally" ("key", "count") ${RECOUNT_SQL}`);
  sqlite.close();
  return counts;
}
