import Bowser from "bowser";
import { config } from "../config";
import type { Ctx } from "../session/context";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { securityLog } from "../security-log";
import { requireMember, type Session, type UserSession } from "../session/types";

// "Your sessions" (OWASP ASVS 5.0 V7.5.2): a member sees every live signed-in session of the
// account and ends any of them, or all the others. Sessions are named by their public handle,
// never by their id (an id is a credential: shown, it could be replayed as a cookie).

export type SessionListing = {
  /** The public handle: what DELETE /api/account/sessions/[id] takes. */
  id: string;
  /** Browser and system, from the User-Agent it signed in with. */
  device: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The session this request came with. */
  current: boolean;
};

/** "Firefox on Windows", "Safari on iOS", or what is known of it. */
export function deviceLabel(userAgent: string): string {
  if (!userAgent.trim()) return "Unknown device";
  const { browser, os } = Bowser.parse(userAgent);
  const name = browser.name || "Unknown browser";
  return os.name ? `${name} on ${os.name}` : name;
}

const WHY = "Log in to see and end your sessions.";
/** The account's live signed-in sessions, as a Prisma `where`: neither past their end nor idle too long. */
export const live = (userId: string, now: Date) =>
  ({
    userId,
    status: "active",
    expiresAt: { gt: now },
    lastSeenAt: { gt: new Date(now.getTime() - config().userIdleTimeout * 1000) },
  }) as const;

export async function listSessions(session: Session | null, now = new Date()): Promise<SessionListing[]> {
  const me = requireMember(session, WHY);
  const rows = await db.userSession.findMany({ where: live(me.userId, now), orderBy: { lastSeenAt: "desc" } });
  return rows.map((s) => ({
    id: s.publicId,
    device: deviceLabel(s.userAgent),
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === me.id,
  }));
}

/** Ends the given sessions of the account, this one included if listed; their cookies are refused from now on. */
async function endSessions(
  me: UserSession,
  where: { publicId?: string; id?: { not: string } },
  now: Date,
  reason: string,
) {
  const ended = await db.userSession.findMany({ where: { ...live(me.userId, now), ...where }, select: { id: true } });
  const { count } = await db.userSession.updateMany({
    where: { id: { in: ended.map((s) => s.id) }, status: "active" },
    data: { status: "revoked", endedAt: now },
  });
  for (const { id } of ended) await securityLog("session.revoked", { sessionId: id, userId: me.userId, reason });
  return count;
}

/** Ends one of the account's sessions by its handle; ending this one logs this browser out. */
export async function endSessionByHandle(ctx: Ctx, handle: string): Promise<{ ended: true; current: boolean }> {
  const me = requireMember(ctx.session, WHY);
  const count = await endSessions(me, { publicId: handle }, ctx.now, "ended_by_owner");
  if (count === 0) throw new DomainError("not_found", "That session was not found among your live sessions.");
  const current = handle === me.publicId;
  if (current) await ctx.cookies.clear();
  return { ended: true, current };
}

/** Ends every session of the account but this one. */
export async function endOtherSessions(ctx: Ctx, reason = "ended_by_owner"): Promise<number> {
  const me = requireMember(ctx.session, WHY);
  return endSessions(me, { id: { not: me.id } }, ctx.now, reason);
}
