import crypto from "node:crypto";
import { config } from "../config";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { maskEmail, securityLog } from "../security-log";
import { COUNTRIES } from "./countries";
import { orderJson, type OrderJson } from "./orders";

// The link in an order confirmation: `/orders/link/<token>` shows that one order, read-only, in
// any browser, for ORDER_LINK_DAYS. The order page itself opens only in the session that placed
// it (or the account), which for a guest ends after two idle hours; a link in an e-mail must
// outlive that. The token is `<order id>.<expiry>.<HMAC of both>`, keyed by a key derived from
// SESSION_SECRET: nothing is stored, a forged or altered token fails the HMAC without a database
// read, and every link is revoked at once by retiring the secret it was signed with (the first
// of SESSION_SECRET signs, each one verifies, as for the cookie). It grants a view of the order
// and nothing else: no session is started or read, no one is logged in.

const TOKEN = /^(ord_[\w-]{10,40})\.([0-9a-z]{1,10})\.([\w-]{43})$/;

/** One key per session secret, for this purpose only: an order link can't be replayed as any other MAC. */
const keyFor = (secret: string) => crypto.createHmac("sha256", secret).update("passerby order link v1").digest();
const mac = (key: Buffer, orderId: string, expiry: string) =>
  crypto.createHmac("sha256", key).update(`${orderId}.${expiry}`).digest("base64url");

/** A link token for the order, good until `now` + ORDER_LINK_DAYS; and that moment. */
export function signOrderLink(orderId: string, now = new Date()): { token: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + config().orderLinkDays * 86_400_000);
  const expiry = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return { token: `${orderId}.${expiry}.${mac(keyFor(config().sessionSecrets[0]), orderId, expiry)}`, expiresAt };
}

type Checked = { status: "valid" | "expired"; orderId: string; expiresAt: Date } | { status: "invalid" };

/** Whether a token is one this shop signed (with any of its secrets), and whether it still runs. */
export function checkOrderLink(token: string, now = new Date()): Checked {
  const [, orderId = "", expiry = "", given = ""] = TOKEN.exec(token) ?? [];
  if (!orderId) return { status: "invalid" };
  const signed = config().sessionSecrets.some((secret) =>
    crypto.timingSafeEqual(Buffer.from(mac(keyFor(secret), orderId, expiry)), Buffer.from(given)),
  );
  if (!signed) return { status: "invalid" };
  const expiresAt = new Date(parseInt(expiry, 36) * 1000);
  return { status: expiresAt > now ? "valid" : "expired", orderId, expiresAt };
}

/**
 * What the link shows. Whoever holds it sees it: an e-mail is forwarded, read over a shoulder,
 * kept in an archive for years. So it shows what lets the buyer check the order (what was
 * bought, the totals, the status, the card's brand and last four, the town it goes to) and
 * leaves out what would tell a stranger where and who the buyer is: the street, the second line
 * and the postal code are hidden, the name is cut to the first name and an initial, the e-mail
 * is masked. The full order is on the order page, to its session or account.
 */
export function orderLinkView(order: OrderJson, expiresAt: Date) {
  const [first = "", ...rest] = order.shipping.name.trim().split(/\s+/);
  const initial = rest.at(-1)?.[0];
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    createdAt: order.createdAt,
    email: maskEmail(order.email),
    items: order.items,
    total: order.total,
    shipping: {
      name: initial ? `${first} ${initial}.` : first,
      city: order.shipping.city,
      country: COUNTRIES[order.shipping.country] ?? order.shipping.country,
    },
    payment: order.payment,
    linkExpiresAt: expiresAt.toISOString(),
  };
}
export type OrderLinkView = ReturnType<typeof orderLinkView>;

export type OrderLinkResult =
  { status: "valid"; order: OrderLinkView } | { status: "expired"; claimed: boolean } | { status: "invalid" };

/** The order behind a link, or why there is none; a refusal is logged (never the token). */
export async function openOrderLink(token: string, now = new Date()): Promise<OrderLinkResult> {
  const checked = checkOrderLink(token, now);
  if (checked.status === "invalid") {
    await securityLog("order_link.refused", { reason: "invalid" });
    return checked;
  }
  const row = await db.order.findUnique({ where: { id: checked.orderId }, include: { items: true } });
  if (!row) {
    // Signed by this shop, but the order is gone (an account's deletion): as good as forged.
    await securityLog("order_link.refused", { reason: "no_order", orderId: checked.orderId });
    return { status: "invalid" };
  }
  if (checked.status === "expired") {
    await securityLog("order_link.refused", { reason: "expired", orderId: checked.orderId });
    return { status: "expired", claimed: row.userId !== null };
  }
  return { status: "valid", order: orderLinkView(orderJson(row), checked.expiresAt) };
}

export const ORDER_LINK_MESSAGES = {
  expired: (claimed: boolean) =>
    claimed
      ? "This order link has expired. The order belongs to an account now: log in to see it under Orders on your account page."
      : "This order link has expired. The confirmation e-mail still lists what you bought; to see the order here again, sign up or log in with the e-mail address you ordered with and use “Find my guest orders” on your account page.",
  invalid:
    "This order link is not valid: it may have been cut short when it was copied. Open it again from the confirmation e-mail, or log in to see your orders on your account page.",
};

/** For the JSON route: the order, or a 410 (expired) or 404 (anything else) with the same sentences as the page. */
export async function orderByLink(token: string, now = new Date()): Promise<OrderLinkView> {
  const result = await openOrderLink(token, now);
  if (result.status === "valid") return result.order;
  if (result.status === "expired") throw new DomainError("link_expired", ORDER_LINK_MESSAGES.expired(result.claimed));
  throw new DomainError("not_found", ORDER_LINK_MESSAGES.invalid);
}
