import { outboxLinksColumn } from "./store";
import { db } from "../db/client";
import { hotWrite } from "../db/sql";
import { insertOutboxMessage } from "./store";
import { ownerOf, type Session } from "../session/types";

// The development outbox: no mail leaves the machine. Messages are stored and shown to the
// session that caused them (after sign-up, to the account), and all of them to an admin.

export type OutboxJson = { to: string; subject: string; text: string; links: string[]; createdAt: string };

export async function sendMessage(message: {
  to: string;
  subject: string;
  text: string;
  links: string[];
  guestSessionId?: string;
  userId?: string;
}): Promise<void> {
  await hotWrite((tx) =>
    insertOutboxMessage(tx, { ...message, links: outboxLinksColumn.encode(message.links), createdAt: new Date() }),
  );
}

export async function listOutbox(session: Session | null): Promise<OutboxJson[]> {
  if (!session) return [];
  const where = session.type === "authenticated" && session.isAdmin ? {} : ownerOf(session);
  const rows = await db.outboxMessage.findMany({ where, orderBy: { createdAt: "desc" }, take: 100 });
  return rows.map((m) => {
    // An admin reads everyone's mail, but a restore link is its recipient's key to a cart, and
    // an order link to an order.
    const mine = session.type === "anonymous" ? m.guestSessionId === session.id : m.userId === session.userId;
    const show = (text: string) =>
      mine ? text : text.replace(/\/(cart\/restore|orders\/link)\/[\w.-]+/g, "/$1/[hidden]");
    const links = outboxLinksColumn.decode(m.links).map(show);
    return { to: m.to, subject: m.subject, text: show(m.text), links, createdAt: m.createdAt.toISOString() };
  });
}
