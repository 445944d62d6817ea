import { deviceLabel } from "../accounts/sessions";
import type { Ctx } from "../session/context";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { normalizeEmail } from "../accounts/passwords";
import { securityLog } from "../security-log";
import { keyedHash } from "../ids";
import { requireScope } from "../permissions";
import type { Session } from "../session/types";

// The administrator's session control (ASVS V7.4.5): find a session by the hash the security
// log names it by, or every session of an account by its e-mail; see its state and what it
// did; end it. Sessions are named by that hash here too, never by their id.

export type AdminSessionView = {
  /** The security log's name for it: what DELETE /api/admin/sessions/[hash] takes. */
  hash: string;
  kind: "guest" | "member";
  status: string;
  email: string | null;
  device: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  endedAt: string | null;
  /** What happened in it, newest first: events, and for a guest its conversion. */
  history: { what: string; at: string }[];
};

const HASH = /^[0-9a-f]{24}$/;
const LIMIT = 50;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function guestHistory(id: string) {
  const events = await db.event.findMany({ where: { guestSessionId: id }, orderBy: { createdAt: "desc" }, take: 20 });
  return events.map((e) => ({ what: e.name.replace(/_/g, " "), at: e.createdAt.toISOString() }));
}

type GuestRow = Awaited<ReturnType<typeof db.guestSession.findFirstOrThrow>>;
type UserRow = Awaited<ReturnType<typeof db.userSession.findFirstOrThrow>> & { user: { email: string } };

async function guestView(g: GuestRow): Promise<AdminSessionView> {
  return {
    hash: g.logHash ?? keyedHash(g.id),
    kind: "guest",
    status: g.status,
    email: null,
    device: null,
    createdAt: g.createdAt.toISOString(),
    lastSeenAt: g.lastSeenAt.toISOString(),
    expiresAt: g.expiresAt.toISOString(),
    endedAt: iso(g.endedAt),
    history: await guestHistory(g.id),
  };
}

async function memberView(s: UserRow): Promise<AdminSessionView> {
  const events = await db.event.findMany({
    where: { userId: s.userId, createdAt: { gte: s.createdAt, ...(s.endedAt ? { lte: s.endedAt } : {}) } },
    orderBy: { createdAt: "desc" },
    take: 20,
  });
  return {
    hash: s.logHash ?? keyedHash(s.id),
    kind: "member",
    status: s.status,
    email: s.user.email,
    device: deviceLabel(s.userAgent),
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    endedAt: iso(s.endedAt),
    history: events.map((e) => ({ what: e.name.replace(/_/g, " "), at: e.createdAt.toISOString() })),
  };
}

/** Sessions matching a security-log hash or an account's e-mail (newest first). */
export async function findSessions(session: Session | null, query: string): Promise<AdminSessionView[]> {
  requireScope(session?.permissions ?? [], "manage_sessions");
  const q = query.trim().toLowerCase();
  if (HASH.test(q)) {
    const [guests, members] = await Promise.all([
      db.guestSession.findMany({ where: { logHash: q } }),
      db.userSession.findMany({ where: { logHash: q }, include: { user: { select: { email: true } } } }),
    ]);
    return [...(await Promise.all(guests.map(guestView))), ...(await Promise.all(members.map(memberView)))];
  }
  if (q.includes("@")) {
    const members = await db.userSession.findMany({
      where: { user: { email: normalizeEmail(q) } },
      include: { user: { select: { email: true } } },
      orderBy: { createdAt: "desc" },
      take: LIMIT,
    });
    return Promise.all(members.map(memberView));
  }
  throw new DomainError(
    "invalid_input",
    "Look up a session by the 24-character hash from the security log, or an account's e-mail.",
    {
      field: "q",
    },
  );
}

/** Ends a guest's or a member's session: its cookie is refused from the next request on. */
export async function endSessionAsAdmin(ctx: Ctx, hash: string): Promise<{ ended: true; kind: "guest" | "member" }> {
  requireScope(ctx.session?.permissions ?? [], "manage_sessions");
  const where = { logHash: hash.toLowerCase(), status: "active" } as const;
  const data = { status: "revoked", endedAt: ctx.now } as const;
  const guest = await db.guestSession.findFirst({ where, select: { id: true } });
  const member = guest ? null : await db.userSession.findFirst({ where, select: { id: true, userId: true } });
  const ended = guest
    ? await db.guestSession.updateMany({ where: { id: guest.id, status: "active" }, data })
    : member
      ? await db.userSession.updateMany({ where: { id: member.id, status: "active" }, data })
      : { count: 0 };
  if (ended.count !== 1)
    throw new DomainError("not_found", "No live session has that hash: it has ended already, or never existed.");
  const id = (guest ?? member)!.id;
  const admin = ctx.session?.type === "authenticated" ? ctx.session.userId : undefined;
  await securityLog("session.revoked", { sessionId: id, userId: member?.userId, reason: "ended_by_admin", admin });
  return { ended: true, kind: guest ? "guest" : "member" };
}

/** Gives sessions made before the hash was stored their hash (run at start; a few thousand at a time). */
export async function backfillLogHashes(batch = 2_000): Promise<number> {
  const where = { logHash: null };
  const tables = [
    {
      missing: () => db.guestSession.findMany({ where, select: { id: true }, take: batch }),
      fill: (id: string) => db.guestSession.update({ where: { id }, data: { logHash: keyedHash(id) } }),
    },
    {
      missing: () => db.userSession.findMany({ where, select: { id: true }, take: batch }),
      fill: (id: string) => db.userSession.update({ where: { id }, data: { logHash: keyedHash(id) } }),
    },
  ];
  let filled = 0;
  for (const table of tables) {
    for (let rows = await table.missing(); rows.length > 0; rows = await table.missing()) {
      for (const { id } of rows) await table.fill(id);
      filled += rows.length;
    }
  }
  return filled;
}
