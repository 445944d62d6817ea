import { eventPropertiesColumn } from "./store";
import { hotWrite } from "../db/sql";
import { insertEvents } from "./store";
import type { AuthState, EventName } from "../generated/prisma/client";
import type { Session } from "../session/types";
import { onShutdown } from "../shutdown";

// The one place events are recorded. An event stores who did it (the guest session and/or the
// account) and the auth state at that moment; logs never see a session id.
//
// Events ride along on hot paths (every cart write, every page view), so they are buffered and
// written in batches: one INSERT every EVENT_FLUSH_MS (or every EVENT_BATCH events) instead of
// one per request, which `npm run bench` can tell apart. Readers of events (migration, the
// dashboard) flush first, and so does a server that is stopped (lib/shutdown.ts). A crash
// (SIGKILL, power loss) loses at most the last fraction of a second of analytics,
// never anything a shopper did; and analytics never breaks a purchase: a failed write is logged
// (by count only) and dropped.

/** The events the shop records: the EventName enum in prisma/schema.prisma. */
export type { EventName };

type Actor =
  Session | null | { guestSessionId?: string | null; userId?: string | null; authState: "anonymous" | "authenticated" };
type EventRow = {
  name: EventName;
  authState: AuthState;
  guestSessionId: string | null;
  userId: string | null;
  properties: string;
  createdAt: Date;
};

const EVENT_FLUSH_MS = 200;
const EVENT_BATCH = 200;

function who(actor: Actor): Pick<EventRow, "authState" | "guestSessionId" | "userId"> {
  if (!actor) return { authState: "anonymous", guestSessionId: null, userId: null };
  if ("authState" in actor)
    return { authState: actor.authState, guestSessionId: actor.guestSessionId ?? null, userId: actor.userId ?? null };
  // A member's events carry the guest session that this log-in converted, if any, so that one
  // journey reads from the first anonymous visit to the purchase.
  return actor.type === "anonymous"
    ? { authState: "anonymous", guestSessionId: actor.id, userId: null }
    : { authState: "authenticated", guestSessionId: actor.migratedFrom, userId: actor.userId };
}

const buffer: EventRow[] = [];
let timer: NodeJS.Timeout | null = null;

export async function recordEvent(
  name: EventName,
  actor: Actor,
  properties: Record<string, unknown> = {},
): Promise<void> {
  buffer.push({ name, ...who(actor), properties: eventPropertiesColumn.encode(properties), createdAt: new Date() });
  if (buffer.length >= EVENT_BATCH) await flushEvents();
  else timer ??= setTimeout(() => void flushEvents(), EVENT_FLUSH_MS);
}

/** Writes the buffered events now: call before reading events. */
export async function flushEvents(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const rows = buffer.splice(0);
  if (rows.length === 0) return;
  try {
    await hotWrite((tx) => insertEvents(tx, rows));
  } catch (error) {
    console.error(`[passerby] could not record ${rows.length} events:`, error instanceof Error ? error.message : error);
  }
}

onShutdown(flushEvents);
