import { z } from "zod";
import type { Ctx } from "../session/context";
import { addItem, cartOf, countCartWrite, ownerOf, readCart } from "./cart";
import { MAX_LINE_QUANTITY } from "./merge";
import { DEFAULT_CURRENCY, formatMoney } from "../catalog/currency";
import { restoreLinesColumn } from "./store";
import { db } from "../db/client";
import { hotWrite } from "../db/sql";
import { useRestoreToken } from "./store";
import { DomainError } from "../errors";
import { recordEvent } from "../journeys/events";
import { hashToken, newLinkToken } from "../ids";
import { sendMessage } from "../mail/outbox";
import { emailField } from "../mail/address";
import { hit } from "../limits/rate-limit";
import { requireScope } from "../permissions";
import { securityLog } from "../security-log";
import { visitorPermissions } from "../session/request";
import { type Session } from "../session/types";
import { config } from "../config";
import { mailTime } from "../mail/time";
import type { GuestSessionStatus } from "../generated/prisma/enums";

// Lead capture and recovery: a guest leaves an e-mail ("e-mail me my cart"); the message carries
// a single-use link that copies that cart into another browser. The link's token has 256 random
// bits and only its hash is stored, with a snapshot of the cart's lines. The usual reason to
// e-mail a cart is to finish later, so the link restores that snapshot for EMAILED_CART_DAYS,
// also after the guest session ended by itself (idle, or past its absolute end) and the sweep
// deleted its cart. It dies when the cart moved on by the shopper's own doing: checked out (the
// session rotated), taken into an account at sign-up or log-in, or the session ended by them.

export const leadInput = z.strictObject({ email: emailField });

export const LEADS_PER_MIN = 5;

/** For the route handler and the server action: the calling session's cart. */
export async function emailMyCart(ctx: Ctx, input: z.infer<typeof leadInput>) {
  // Per client address as well as per session (in captureLead): a new cookie buys no more messages.
  await hit("leads_ip", ctx.network, LEADS_PER_MIN * 4);
  return captureLead(ctx.session, input, ctx.origin());
}

export async function captureLead(
  session: Session | null,
  input: z.infer<typeof leadInput>,
  origin: string,
): Promise<{ email: string; items: number; expiresAt: string }> {
  if (session?.type === "authenticated") {
    throw new DomainError("forbidden", "Your cart is already kept in your account; log in anywhere to find it.");
  }
  const cart = await cartOf(session);
  if (!session || cart.items.length === 0) {
    throw new DomainError("empty_cart", "Your cart is empty: add something first, then we can send it to you.");
  }
  await hit("leads", session.id, LEADS_PER_MIN);

  const token = newLinkToken();
  const expiresAt = new Date(Date.now() + config().emailedCartDays * 86_400_000);
  const link = `${origin}/cart/restore/${token}`;
  const lines = cart.items.map((i) => ({ productId: i.productId, quantity: i.quantity }));
  await db.$transaction([
    db.lead.create({ data: { guestSessionId: session.id, email: input.email } }),
    db.restoreToken.create({
      data: {
        tokenHash: hashToken(token),
        guestSessionId: session.id,
        lines: restoreLinesColumn.encode(lines),
        expiresAt,
      },
    }),
  ]);
  await sendMessage({
    to: input.email,
    subject: "Your Passerby cart",
    text: [
      "Here is the cart you left at Passerby:",
      "",
      ...cart.items.map((i) => `- ${i.name} × ${i.quantity}: ${formatMoney(i.lineTotal)}`),
      `Subtotal: ${formatMoney(cart.subtotal)}`,
      "",
      `Open this link in any browser to get the same cart there. It works once, for ${emailedCartDays()}, until`,
      `${mailTime(expiresAt)}, also if you leave the shop meanwhile. It stops working if you`,
      "check out this cart, log in or sign up with it, or end your guest session yourself.",
      link,
    ].join("\n"),
    links: [link],
    guestSessionId: session.id,
  });
  await recordEvent("lead_captured", session, { items: cart.count });
  return { email: input.email, items: cart.count, expiresAt: expiresAt.toISOString() };
}

export type RestoreResult =
  | { status: "restored"; added: number; unavailable: number }
  | { status: "same_browser" | "used" | "expired" | "invalid" | "refused" };

export const RESTORE_MESSAGES: Record<Exclude<RestoreResult["status"], "restored">, string> = {
  same_browser: "This link is for another browser: the cart it carries is already here.",
  used: "This cart link has already been used. Each link works once; ask for a new e-mail from the cart you started in.",
  get expired() {
    return `This cart link no longer works: e-mailed carts are kept for ${emailedCartDays()}, and this one has passed that, or the cart moved on (it was checked out, taken into an account at sign-up or log-in, or its guest session was ended by the shopper).`;
  },
  invalid: "This cart link is not valid. Check that it was copied whole.",
  refused:
    "This browser cannot take the cart right now (too many new sessions from your network, or carts are turned off here). The link still works: try again in a minute.",
};

/** A refusal as the JSON API answers it: a code per reason, the page's sentence. */
export function restoreRefused({ status }: Refusal): DomainError {
  const code = (
    {
      invalid: "link_unknown",
      used: "link_used",
      expired: "link_expired",
      same_browser: "link_same_browser",
      refused: "forbidden",
    } as const
  )[status];
  return new DomainError(code, RESTORE_MESSAGES[status]);
}

type Line = { productId: string; quantity: number };

/** Whether an e-mailed cart still restores from a session in this state (the sweep deletes the others: lib/cart/store.ts). */
export const restorableAfter = (status: GuestSessionStatus) => status === "active" || status === "expired";

/** "7 days": how long an e-mailed cart is kept, as the e-mail and the pages say it. */
export const emailedCartDays = () => `${config().emailedCartDays} ${config().emailedCartDays === 1 ? "day" : "days"}`;
type Refusal = { status: Exclude<RestoreResult["status"], "restored"> };

async function usableToken(token: string, currentSessionId: string | null, now: Date) {
  if (!/^[\w-]{43}$/.test(token)) return { status: "invalid" } as Refusal;
  const row = await db.restoreToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row) return { status: "invalid" } as Refusal;
  if (row.usedAt) return { status: "used" } as Refusal;
  // The snapshot outlives its session's idle or absolute end ("expired": the shopper only went
  // away), not the shopper's own ending of it: checked out (rotated: "revoked"), taken into an
  // account ("converted"), or ended ("revoked"). Then the cart is no longer anyone's to hand out.
  const source = await db.guestSession.findUnique({ where: { id: row.guestSessionId }, select: { status: true } });
  if (row.expiresAt <= now || !source || !restorableAfter(source.status)) return { status: "expired" } as Refusal;
  if (currentSessionId === row.guestSessionId) return { status: "same_browser" } as Refusal;
  return row;
}

export type RestorePreview =
  { status: "ready"; lines: { name: string; quantity: number; available: boolean }[] } | Refusal;

/** What a link would add, for the page that asks before adding: reads only, writes nothing. */
export async function previewRestore(
  token: string,
  currentSessionId: string | null,
  now = new Date(),
): Promise<RestorePreview> {
  const row = await usableToken(token, currentSessionId, now);
  if ("status" in row) return row;
  const lines = restoreLinesColumn.decode(row.lines);
  const products = await db.product.findMany({
    where: { id: { in: lines.map((l) => l.productId) } },
    select: { id: true, name: true, stock: true },
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  return {
    status: "ready",
    lines: lines.flatMap((l) => {
      const p = byId.get(l.productId);
      return p ? [{ name: p.name, quantity: l.quantity, available: p.stock > 0 }] : [];
    }),
  };
}

/** Checks a token and uses it up: single-use, also when two clicks arrive at once. */
export async function claimRestoreToken(
  token: string,
  currentSessionId: string | null,
  now = new Date(),
): Promise<{ status: "claimed"; lines: Line[] } | Refusal> {
  const row = await usableToken(token, currentSessionId, now);
  if ("status" in row) return row;
  if (!(await hotWrite((tx) => useRestoreToken(tx, row.id, now)))) return { status: "used" };
  return { status: "claimed", lines: restoreLinesColumn.decode(row.lines) };
}

/** Thrown inside the transaction that would start a session: the link was used meanwhile. */
class LinkUsed extends DomainError {}

/** Copies an e-mailed cart into this browser's session (starting one if needed), once. */
export async function restoreCart(ctx: Ctx, token: string): Promise<RestoreResult> {
  const { session: current, now } = ctx;
  // A bad or used link starts no session.
  const found = await usableToken(token, current?.id ?? null, now);
  if ("status" in found) {
    await securityLog("restore_link.refused", { sessionId: current?.id, reason: found.status });
    return found;
  }
  // Restoring writes a cart: the same permission and the same per-session limit as any cart write.
  requireScope(visitorPermissions(current), "add_to_cart");
  const lines = restoreLinesColumn.decode(found.lines);
  if (current) {
    const session = await countCartWrite(ctx);
    const claim = await claimRestoreToken(token, session.id, now);
    if (claim.status !== "claimed") return claim;
    return { status: "restored", ...(await copyLines(session, claim.lines)) };
  }
  // Without a session, the link is used up in the transaction that starts one: of several
  // requests on one link at once, the losers start none (and get no cookie), as a used link.
  try {
    const session = await countCartWrite(ctx, undefined, async (tx) => {
      if (!(await useRestoreToken(tx, found.id, now))) throw new LinkUsed("invalid_input", RESTORE_MESSAGES.used);
    });
    return { status: "restored", ...(await copyLines(session, lines)) };
  } catch (error) {
    if (!(error instanceof LinkUsed)) throw error;
    await securityLog("restore_link.refused", { reason: "used" });
    return { status: "used" };
  }
}

/** Adds the lines to the session's cart, each capped at what the stock and the 99 limit leave. */
export async function copyLines(session: Session, lines: Line[]) {
  const owner = ownerOf(session);
  const existing = new Map((await readCart(owner, DEFAULT_CURRENCY)).items.map((i) => [i.productId, i.quantity]));
  let added = 0;
  let unavailable = 0;
  // Lines are shown oldest first; a millisecond apart, they keep the e-mailed cart's order
  // (two adds in the same millisecond would fall back to their random ids).
  const start = Date.now();
  for (const [index, line] of lines.entries()) {
    const product = await db.product.findUnique({ where: { id: line.productId }, select: { stock: true } });
    const room = Math.min(product?.stock ?? 0, MAX_LINE_QUANTITY) - (existing.get(line.productId) ?? 0);
    const quantity = Math.min(line.quantity, room);
    if (quantity <= 0) {
      unavailable++;
      continue;
    }
    try {
      await addItem(owner, { productId: line.productId, quantity }, new Date(start + index));
      added += quantity;
    } catch (error) {
      // Stock moved since the check above: that line is unavailable, the rest still comes.
      if (!(error instanceof DomainError)) throw error;
      unavailable++;
    }
  }
  return { added, unavailable };
}
