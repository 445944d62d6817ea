import { z } from "zod";
import { jsonColumn } from "../db/codecs";
import { newId } from "../db/rows";
import type { Sql } from "../db/sql";

/** OutboxMessage.links. */
export const outboxLinksColumn = jsonColumn(z.array(z.string()), []);

/** Stores a message (links as a JSON array, outboxLinksColumn). */
export async function insertOutboxMessage(
  tx: Sql,
  m: {
    to: string;
    subject: string;
    text: string;
    links: string;
    guestSessionId?: string | null;
    userId?: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await tx.run(
    `INSERT INTO "OutboxMessage" ("id", "to", "subject", "text", "links", "guestSessionId", "userId", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    newId(),
    m.to,
    m.subject,
    m.text,
    m.links,
    m.guestSessionId ?? null,
    m.userId ?? null,
    m.createdAt,
  );
}
