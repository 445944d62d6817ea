import { capitalize } from "../text";
import crypto from "node:crypto";
import { z } from "zod";
import { ownerOf, readCart, type CartView } from "../cart/cart";
import { addressLines, COUNTRIES, isCountry, isUsState } from "./countries";
import { convert, formatMoney, type Currency } from "../catalog/currency";
import { sendMessage } from "../mail/outbox";
import { mailTime } from "../mail/time";
import { signOrderLink } from "./order-links";
import type { Ctx } from "../session/context";
import { db } from "../db/client";
import { cartLines } from "../cart/store";
import { emptyCart, lockCart } from "../cart/store";
import { hotWrite } from "../db/sql";
import { insertOrder, productStock, takeStock } from "./store";
import { DomainError } from "../errors";
import { flushEvents, recordEvent } from "../journeys/events";
import { orderJson, type OrderJson } from "./orders";
import { emailField } from "../mail/address";
import { authorize, cardInput, checkCard, isExpired, type CardSummary } from "./payments";
import { requireScope } from "../permissions";
import { currencyOf } from "../session/preferences-model";
import { securityLog } from "../security-log";
import { continueGuestSession } from "../session/request";
import { rotateGuestSession } from "../session/lifecycle";
import { type GuestSession, type Session } from "../session/types";

// Placing an order: one transaction that re-reads prices and stock, takes the stock with a
// conditional decrement (so concurrent checkouts can never oversell), writes the order with
// snapshots, and empties the cart. A declined card or a short line changes nothing.

const text = (label: string, max = 120) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `${capitalize(label)} is too long.`)
    // Forms can carry control characters too (JSON bodies are refused earlier, lib/server/http.ts).
    .regex(/^[^\u0000-\u001f\u007f]*$/, `${capitalize(label)} can't hold control characters.`);

export const checkoutInput = z.strictObject({
  email: emailField,
  name: text("your name"),
  address: z
    .strictObject({
      line1: text("the street address", 200),
      line2: z
        .string()
        .trim()
        .max(200, "Address line 2 is too long.")
        .transform((v) => v || undefined)
        .optional(),
      city: text("the city"),
      /** Optional, so clients written before it still check out; for the US, a USPS state code. */
      region: z
        .string()
        .trim()
        .max(60, "The state or region is too long.")
        .regex(/^[^\u0000-\u001f\u007f]*$/, "The state or region can't hold control characters.")
        .transform((v) => v || undefined)
        .optional(),
      postalCode: text("the postal code", 20),
      country: z
        .string({ error: "Choose a country." })
        .trim()
        .toUpperCase()
        .refine(isCountry, `We ship to ${Object.keys(COUNTRIES).join(", ")}. Choose one of them.`),
    })
    .superRefine((a, ctx) => {
      if (a.country === "US" && a.region && !isUsState(a.region.toUpperCase()))
        ctx.addIssue({ code: "custom", path: ["region"], message: "Choose a US state (such as NY or CA)." });
    })
    .transform((a) => (a.country === "US" && a.region ? { ...a, region: a.region.toUpperCase() } : a)),
  card: cardInput.optional(),
  /** Members may pay with a saved card instead. */
  paymentMethodId: z.string().max(64).optional(),
});
export type CheckoutInput = z.infer<typeof checkoutInput>;

const newOrderId = () => `ord_${crypto.randomBytes(16).toString("base64url")}`;

/** The scope this session needs to check out: guests and members check out differently. */
export const checkoutScope = (session: Session) => (session.type === "anonymous" ? "guest_checkout" : "checkout");

async function chooseCard(session: Session, input: CheckoutInput): Promise<CardSummary> {
  if (input.paymentMethodId) {
    if (session.type !== "authenticated") {
      throw new DomainError("forbidden", "Guests can't pay with a saved card.");
    }
    const saved = await db.paymentMethod.findFirst({ where: { id: input.paymentMethodId, userId: session.userId } });
    if (!saved)
      throw new DomainError("invalid_card", "That saved card was not found. Choose another.", {
        field: "paymentMethodId",
      });
    if (isExpired(saved.expMonth, saved.expYear)) {
      throw new DomainError("invalid_card", "That saved card has expired. Choose another or enter a new one.", {
        field: "paymentMethodId",
      });
    }
    return {
      brand: saved.brand as CardSummary["brand"],
      last4: saved.last4,
      expMonth: saved.expMonth,
      expYear: saved.expYear,
    };
  }
  if (!input.card) throw new DomainError("invalid_card", "Enter a card to pay with.", { field: "card.number" });
  const card = checkCard(input.card);
  authorize(card);
  return { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear };
}

const shortOf = (name: string, stock: number) =>
  new DomainError(
    "out_of_stock",
    stock <= 0
      ? `${name} has just sold out. Remove it from your cart to continue; nothing was charged.`
      : `Only ${stock} of ${name} ${stock === 1 ? "is" : "are"} left. Lower the quantity to continue; nothing was charged.`,
  );

function assertInStock(cart: CartView) {
  const short = cart.items.find((i) => i.quantity > i.stock);
  if (short) throw shortOf(short.name, short.stock);
}

export type PlacedOrder = {
  order: OrderJson;
  /** A guest goes on under a new session id (rotateGuestSession); null for members. */
  nextSession: GuestSession | null;
};

export async function placeOrder(session: Session | null, input: CheckoutInput): Promise<PlacedOrder> {
  if (!session) throw new DomainError("empty_cart");
  requireScope(session.permissions, checkoutScope(session));
  const currency: Currency = currencyOf(session);
  const owner = ownerOf(session);
  const cart = await readCart(owner, currency);
  if (cart.items.length === 0) throw new DomainError("empty_cart");
  // Fail early on the common case; the conditional decrement below is what guarantees it.
  assertInStock(cart);
  const card = await chooseCard(session, input);
  // The guest's journey moves to the new id with the order: write the buffered events first.
  if (session.type === "anonymous") await flushEvents();

  // One hot write (./store.ts, ../cart/store.ts): the stock taken, the order written, the cart emptied
  // and a guest's session rotated, all or nothing; a short line or a lost race changes nothing.
  const now = new Date();
  const { order, nextSession } = await hotWrite(async (tx) => {
    // The cart is locked first; another checkout with the same cookie may have won meanwhile:
    // its cart went with it.
    await lockCart(tx, owner, now);
    const current = await cartLines(owner, tx);
    if (current.length === 0) throw new DomainError("empty_cart");
    // Products in one order for every checkout, so two never wait on each other's rows.
    for (const line of [...current].sort((a, b) => (a.productId < b.productId ? -1 : 1))) {
      if (!(await takeStock(tx, line.productId, line.quantity))) {
        const left = await productStock(tx, line.productId);
        throw shortOf(left.name, left.stock);
      }
    }
    const items = current.map((l) => ({
      productId: l.productId,
      name: l.name,
      quantity: l.quantity,
      unitAmount: convert(l.priceCents, currency).amount,
    }));
    const row = {
      id: newOrderId(),
      guestSessionId: "guestSessionId" in owner ? owner.guestSessionId : null,
      userId: "userId" in owner ? owner.userId : null,
      email: input.email,
      name: input.name,
      line1: input.address.line1,
      line2: input.address.line2 ?? null,
      city: input.address.city,
      region: input.address.region ?? null,
      postalCode: input.address.postalCode,
      country: input.address.country,
      currency,
      totalAmount: items.reduce((sum, l) => sum + l.unitAmount * l.quantity, 0),
      cardBrand: card.brand,
      cardLast4: card.last4,
      createdAt: now,
      items,
    };
    const written = await insertOrder(tx, row);
    await emptyCart(tx, owner);
    const nextSession = session.type === "anonymous" ? await rotateGuestSession(tx, session, now) : null;
    return { order: orderJson({ ...written, status: "paid" }), nextSession };
  });
  const buyer = nextSession ?? session;
  await recordEvent("order_placed", buyer, { total: order.total, lines: order.items.length });
  await securityLog("order.placed", { sessionId: buyer.id, orderId: order.id });
  if (nextSession)
    await securityLog("session.revoked", {
      sessionId: session.id,
      newSessionId: nextSession.id,
      reason: "rotated_at_checkout",
    });
  return { order, nextSession };
}

/** For the server action and the route handler: the caller's order (a guest gets a new session
 *  cookie with it), then the cached catalog pages render again, because their stock went down. */
export async function checkOut(ctx: Ctx, input: CheckoutInput): Promise<OrderJson> {
  const { order, nextSession } = await placeOrder(ctx.session, input);
  if (nextSession) await continueGuestSession(ctx, nextSession);
  ctx.catalogChanged();
  await sendConfirmation(ctx, order, nextSession ?? ctx.session!);
  return order;
}

/** The order confirmation the order page promises, in the outbox of whoever bought. Its link is
 *  signed (lib/checkout/order-links.ts): it opens the order in any browser, for ORDER_LINK_DAYS. */
async function sendConfirmation(ctx: Ctx, order: OrderJson, buyer: Session) {
  const { token, expiresAt } = signOrderLink(order.id, ctx.now);
  const path = `/orders/link/${token}`;
  let link = path;
  try {
    link = `${ctx.origin()}${path}`;
  } catch {
    // An address links can't be made for (no PUBLIC_URL): the outbox still opens the relative one.
  }
  await sendMessage({
    to: order.email,
    subject: `Your Passerby order ${order.number}`,
    text: [
      `Thank you, ${order.shipping.name}. Your order is paid and on its way to:`,
      addressLines(order.shipping).join(", "),
      "",
      ...order.items.map(
        (i) =>
          `- ${i.name} × ${i.quantity}: ${formatMoney({ amount: i.unitPrice.amount * i.quantity, currency: i.unitPrice.currency })}`,
      ),
      `Total: ${formatMoney(order.total)}`,
      "",
      `See the order in any browser until ${mailTime(expiresAt)} (the link shows this order only, read-only):`,
      link,
    ].join("\n"),
    links: [link],
    ...ownerOf(buyer),
  });
}
