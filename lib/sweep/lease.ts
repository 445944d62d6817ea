import type { Sql } from "../db/sql";

/**
 * Takes the lease `name` until `until` for `holder`, when it is free, expired at `now`, or
 * already the holder's: whether the holder has it now. One statement, so two servers asking at
 * once cannot both get it.
 */
export async function takeLease(tx: Sql, name: string, holder: string, until: Date, now: Date): Promise<boolean> {
  const row = await tx.get<{ holder: string }>(
    `INSERT INTO "Lease" AS l ("name", "holder", "until") VALUES (?, ?, ?)
     ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "until" = excluded."until"
     WHERE l."until" <= ? OR l."holder" = excluded."holder"
     RETURNING "holder"`,
    name,
    holder,
    until,
    now,
  );
  return row?.holder === holder;
}
