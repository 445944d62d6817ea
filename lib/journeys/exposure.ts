import { db } from "../db/client";
import { recordEvent } from "./events";
import { EXPERIMENT, variantOf } from "../session/variant";
import type { Session } from "../session/types";

/**
 * Records that a guest saw the experiment, once per session: the conditional update lets only
 * the first showing through, also when two tabs show it at once. A visitor without a session
 * sees the control and counts for nothing (browsing alone creates no rows).
 */
export async function recordExposure(session: Session | null): Promise<void> {
  if (session?.type !== "anonymous") return;
  const first = await db.guestSession.updateMany({
    where: { id: session.id, exposedAt: null },
    data: { exposedAt: new Date() },
  });
  if (first.count === 1)
    await recordEvent("experiment_exposure", session, { experiment: EXPERIMENT, variant: variantOf(session) });
}
