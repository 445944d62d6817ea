import type { Ctx } from "../session/context";
import { db } from "../db/client";
import { hit } from "../limits/rate-limit";
import { securityLog } from "../security-log";
import { sendMessage } from "../mail/outbox";
import { hashToken, newLinkToken } from "../ids";
import { requireMember, type Session } from "../session/types";
import { DomainError } from "../errors";
import type { Currency } from "../catalog/currency";
import { formatOrderNumber } from "../checkout/order-number";

// Past guest orders, claimed by proof. Orders placed in the guest session that signs up or logs
// in move with it (lib/cart/migration.ts); orders placed as a guest elsewhere carry only an
// e-mail, and an e-mail alone proves nothing. So "Find my guest orders" sends a single-use,
// short-lived link to the account's own address; following it while signed in to that account
// attaches the guest orders placed with that address that no account owns yet.

const CLAIM_LINK_MINUTES = 30;
const CLAIM_LINKS_PER_MIN = 3;
const WHY = "Log in to find the orders you placed as a guest.";

/** Sends the link to the account's e-mail (the outbox in this demo). */
export async function requestOrderClaim(ctx: Ctx): Promise<{ sentTo: string; expiresAt: string }> {
  const me = requireMember(ctx.session, WHY);
  await hit("order_claims", me.userId, CLAIM_LINKS_PER_MIN);
  const token = newLinkToken();
  const expiresAt = new Date(ctx.now.getTime() + CLAIM_LINK_MINUTES * 60_000);
  const link = `${ctx.origin()}/account/claim/${token}`;
  await db.orderClaim.create({ data: { tokenHash: hashToken(token), userId: me.userId, email: me.email, expiresAt } });
  await sendMessage({
    to: me.email,
    subject: "Find your Passerby guest orders",
    text: [
      "Someone signed in to your Passerby account asked to attach the orders placed as a guest with this address.",
      "",
      `If that was you, open this link while signed in, within ${CLAIM_LINK_MINUTES} minutes. It works once:`,
      link,
      "",
      "If it was not you, ignore this message: nothing is attached without the link.",
    ].join("\n"),
    links: [link],
    userId: me.userId,
  });
  return { sentTo: me.email, expiresAt: expiresAt.toISOString() };
}

export type ClaimRefusal = { status: "unknown" | "used" | "expired" | "other_account" };

export const CLAIM_MESSAGES: Record<ClaimRefusal["status"], string> = {
  unknown: "This link is not one we sent. Nothing was attached.",
  used: "This link has been used already: it works once. Nothing more was attached.",
  expired: `This link has expired (links work for ${CLAIM_LINK_MINUTES} minutes). Ask for a new one on your account page.`,
  other_account: "This link was sent for another account. Log in to that account to use it; nothing was attached.",
};

/** A refusal as the JSON API answers it: a code per reason, the page's sentence. */
export const claimRefused = ({ status }: ClaimRefusal) => new DomainError(`link_${status}`, CLAIM_MESSAGES[status]);

/** The claim behind a token for this member, or why it can't be used. */
async function usableClaim(token: string, me: { userId: string }, now: Date) {
  const claim = await db.orderClaim.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!claim) return { status: "unknown" } as ClaimRefusal;
  if (claim.userId !== me.userId) return { status: "other_account" } as ClaimRefusal;
  if (claim.usedAt) return { status: "used" } as ClaimRefusal;
  if (claim.expiresAt <= now) return { status: "expired" } as ClaimRefusal;
  return claim;
}

const unowned = (email: string) => ({ email, userId: null }) as const;

/** What the link would attach, for the page that asks before attaching: reads only. */
export async function previewOrderClaim(session: Session | null, token: string, now = new Date()) {
  const me = requireMember(session, WHY);
  const claim = await usableClaim(token, me, now);
  if ("status" in claim) return claim;
  const orders = await db.order.findMany({
    where: unowned(claim.email),
    select: {
      id: true,
      number: true,
      createdAt: true,
      totalAmount: true,
      currency: true,
      items: { select: { name: true, quantity: true }, orderBy: { name: "asc" } },
    },
    orderBy: { createdAt: "asc" },
  });
  return { status: "ready" as const, email: claim.email, orders };
}

/** What GET /api/account/claim-orders/{token} answers: the orders the link would attach. */
export function claimPreviewJson(preview: Exclude<Awaited<ReturnType<typeof previewOrderClaim>>, ClaimRefusal>) {
  return {
    email: preview.email,
    orders: preview.orders.map((o) => ({
      id: o.id,
      number: formatOrderNumber(o.number),
      createdAt: o.createdAt.toISOString(),
      total: { amount: o.totalAmount, currency: o.currency as Currency },
      items: o.items,
    })),
  };
}

/**
 * Uses the link once (also when two clicks arrive at once) and attaches every guest order placed
 * with its e-mail that no account owns yet, recording which claim attached each.
 */
export async function claimOrders(
  ctx: Ctx,
  token: string,
): Promise<{ status: "claimed"; orders: number } | ClaimRefusal> {
  const me = requireMember(ctx.session, WHY);
  const claim = await usableClaim(token, me, ctx.now);
  if ("status" in claim) {
    await securityLog("orders.claim_refused", { userId: me.userId, reason: claim.status });
    return claim;
  }
  const orders = await db.$transaction(async (tx) => {
    const used = await tx.orderClaim.updateMany({ where: { id: claim.id, usedAt: null }, data: { usedAt: ctx.now } });
    if (used.count !== 1) return null;
    const { count } = await tx.order.updateMany({
      where: unowned(claim.email),
      data: { userId: me.userId, claimId: claim.id, claimedAt: ctx.now },
    });
    await tx.orderClaim.update({ where: { id: claim.id }, data: { orders: count } });
    return count;
  });
  if (orders === null) return { status: "used" };
  await securityLog("orders.claimed", { userId: me.userId, email: claim.email, orders });
  return { status: "claimed", orders };
}

/** The account's used claims, newest first, with the orders each attached. */
export async function claimHistory(userId: string) {
  const claims = await db.orderClaim.findMany({
    where: { userId, usedAt: { not: null } },
    orderBy: { usedAt: "desc" },
    take: 20,
  });
  const orders = await db.order.findMany({
    where: { claimId: { in: claims.map((c) => c.id) } },
    select: { id: true, claimId: true },
  });
  return claims.map((c) => ({ usedAt: c.usedAt!, orders: orders.filter((o) => o.claimId === c.id).map((o) => o.id) }));
}
