import type { Sql } from "../db/sql";
import { ACCOUNT_DATA, ANONYMISED, accountTables, type AccountTable } from "./account-data";

// The account's SQL: deleting an account, table by table as ACCOUNT_DATA says, in the caller's
// hot write (all or nothing).

/** Deletes the account and does to each table's rows what ACCOUNT_DATA says: how many rows each changed. */
export async function deleteAccountRows(tx: Sql, userId: string): Promise<Partial<Record<AccountTable, number>>> {
  const changed: Partial<Record<AccountTable, number>> = {};
  const blank = Object.entries(ANONYMISED);
  for (const table of accountTables("anonymise")) {
    const { column } = ACCOUNT_DATA[table];
    changed[table] = await tx.run(
      `UPDATE "${table}" SET "${column}" = NULL, ${blank.map(([name]) => `"${name}" = ?`).join(", ")} WHERE "${column}" = ?`,
      ...blank.map(([, value]) => value),
      userId,
    );
  }
  for (const table of accountTables("unlink")) {
    const { column } = ACCOUNT_DATA[table];
    changed[table] = await tx.run(`UPDATE "${table}" SET "${column}" = NULL WHERE "${column}" = ?`, userId);
  }
  for (const table of accountTables("delete")) {
    changed[table] = await tx.run(`DELETE FROM "${table}" WHERE "${ACCOUNT_DATA[table].column}" = ?`, userId);
  }
  await tx.run(`DELETE FROM "User" WHERE "id" = ?`, userId); // and the `cascade` tables' rows with it
  return changed;
}
