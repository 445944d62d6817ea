import { z } from "zod";
import { jsonColumn } from "../db/codecs";
import { insertRows, newId } from "../db/rows";
import type { Sql } from "../db/sql";

// Events' SQL (lib/journeys/events.ts buffers them) and their retention.

/** Event.properties: a few details of an event. */
export const eventPropertiesColumn = jsonColumn(z.record(z.string(), z.unknown()), {});

export type EventRow = {
  name: string;
  authState: string;
  guestSessionId: string | null;
  userId: string | null;
  properties: string;
  createdAt: Date;
};

/** Writes a batch of events (lib/journeys/events.ts buffers them). */
export const insertEvents = (tx: Sql, rows: EventRow[]) =>
  insertRows(
    tx,
    `"Event" ("id", "name", "authState", "guestSessionId", "userId", "properties", "createdAt")`,
    rows.map((e) => [newId(), e.name, e.authState, e.guestSessionId, e.userId, e.properties, e.createdAt]),
  );

/** Deletes up to `size` page and product views recorded before `before` (the index on name and time finds them): how many. */
export const deleteViewsBefore = (tx: Sql, before: Date, size: number) =>
  tx.run(
    `DELETE FROM "Event" WHERE "id" IN (SELECT "id" FROM "Event" WHERE "name" IN ('page_view', 'product_view') AND "createdAt" < ? LIMIT ?)`,
    before,
    size,
  );
