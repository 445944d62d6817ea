import "server-only";
import crypto from "node:crypto";
import type { Param, Sql } from "./sql";

// Helpers for the rooms' hand-written SQL (lib/<room>/store.ts).

export const newId = () => crypto.randomUUID();

/** Rows per INSERT: a few statement shapes only, each prepared once. */
const ROWS_PER_INSERT = 25;

/** Inserts rows into `into` ("Table" ("column", …)), ROWS_PER_INSERT to a statement. */
export async function insertRows(tx: Sql, into: string, rows: Param[][]): Promise<void> {
  for (let i = 0; i < rows.length;) {
    const take = rows.length - i >= ROWS_PER_INSERT ? ROWS_PER_INSERT : 1;
    const chunk = rows.slice(i, i + take);
    const row = `(${rows[i]!.map(() => "?").join(", ")})`; // i < rows.length: the loop's condition
    await tx.run(`INSERT INTO ${into} VALUES ${chunk.map(() => row).join(", ")}`, ...chunk.flat());
    i += take;
  }
}
