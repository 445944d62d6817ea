import { db } from "./db";
import type { Session } from "./session";

// The one place events are recorded. An event stores who did it (the guest session and/or the
// account) and the auth state at that moment; logs never see a session id. Analytics must never
// break a purchase, so a failure to record is logged (by name only) and swallowed.

export type EventName =
  | "page_view" | "product_view" | "cart_add" | "cart_update" | "cart_remove" | "checkout_started"
  | "order_placed" | "signup" | "login" | "migration" | "experiment_exposure" | "lead_captured";

type Actor = Session | null | { guestSessionId?: string | null; userId?: string | null; authState: "anonymous" | "authenticated" };

function who(actor: Actor) {
  if (!actor) return { authState: "anonymous", guestSessionId: null, userId: null };
  if ("authState" in actor) return { authState: actor.authState, guestSessionId: actor.guestSessionId ?? null, userId: actor.userId ?? null };
  // A member's events carry the guest session that this log-in converted, if any, so that one
  // journey reads from the first anonymous visit to the purchase.
  return actor.type === "anonymous"
    ? { authState: "anonymous", guestSessionId: actor.id, userId: null }
    : { authState: "authenticated", guestSessionId: actor.migratedFrom, userId: actor.userId };
}

export async function recordEvent(name: EventName, actor: Actor, properties: Record<string, unknown> = {}): Promise<void> {
  try {
    await db.event.create({ data: { name, ...who(actor), properties: JSON.stringify(properties) } });
  } catch (error) {
    console.error(`[passerby] could not record a ${name} event:`, error instanceof Error ? error.message : error);
  }
}
