// The account-data map (lib/accounts/account-data.ts) is checked against the schema: every table
// with a column naming an account is in it, and nothing else; what it says goes with the account's
// row is what the schema deletes with it (onDelete: Cascade), and nothing it keeps is.
import "./helpers/test-db";
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { ACCOUNT_DATA } from "../lib/accounts/account-data";

const schema = fs.readFileSync("prisma/schema.prisma", "utf8");

/** Each model's account column ("userId" or "convertedUserId") and whether the schema cascades the account's deletion to it. */
function accountColumns(text: string): Record<string, { column: string; cascade: boolean }> {
  const found: Record<string, { column: string; cascade: boolean }> = {};
  for (const [, name, body] of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const column = /^\s+(userId|convertedUserId)\s+String/m.exec(body!)?.[1];
    if (!column) continue;
    const relation = new RegExp(`@relation\\(fields: \\[${column}\\][^)]*\\)`).exec(body!)?.[0] ?? "";
    found[name!] = { column, cascade: relation.includes("onDelete: Cascade") };
  }
  return found;
}

test("every table with an account column is in the account-data map, by that column, and the map names no other", () => {
  const columns = accountColumns(schema);
  assert.ok(Object.keys(columns).length >= 11, `found ${Object.keys(columns).join(", ")}`);
  assert.deepEqual(
    Object.keys(ACCOUNT_DATA).sort(),
    Object.keys(columns).sort(),
    "place each account-owned table in lib/accounts/account-data.ts",
  );
  for (const [table, { column }] of Object.entries(ACCOUNT_DATA)) assert.equal(column, columns[table]!.column, table);
});

test("the tables the map lets go with the account are the ones the schema cascades to, and no other", () => {
  const columns = accountColumns(schema);
  for (const [table, { deletion }] of Object.entries(ACCOUNT_DATA)) {
    assert.equal(
      columns[table]!.cascade,
      deletion === "cascade",
      `${table}: ${deletion}, but the schema ${columns[table]!.cascade ? "cascades" : "does not cascade"}`,
    );
  }
});

test("the check finds a table the map leaves out, and a cascade the schema lost", () => {
  const wishlist = schema + "\nmodel Wishlist {\n  id     String @id\n  userId String\n}\n";
  assert.notDeepEqual(Object.keys(ACCOUNT_DATA).sort(), Object.keys(accountColumns(wishlist)).sort());
  const noCascade = schema.replace(/(model SavedItem \{[\s\S]*?), onDelete: Cascade/, "$1");
  assert.equal(accountColumns(noCascade).SavedItem!.cascade, false);
});
