// The guest-data map (lib/session/guest-data.ts) is checked against the schema: every table with a
// guestSessionId column is in it, and nothing else, so rotation and retention cannot miss one.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { GUEST_DATA } from "../lib/session/guest-data";

/** The models of prisma/schema.prisma that have a guestSessionId column. */
function guestOwnedModels(schema: string): string[] {
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
    .filter(([, , body = ""]) => /^\s+guestSessionId\s+String/m.test(body))
    .map(([, name = ""]) => name)
    .sort();
}

test("every table with a guestSessionId column is in the guest-data map, and the map names no other", () => {
  const models = guestOwnedModels(fs.readFileSync("prisma/schema.prisma", "utf8"));
  assert.ok(models.length >= 7, `found ${models.join(", ")}`);
  assert.deepEqual(Object.keys(GUEST_DATA).sort(), models, "place each guest-owned table in lib/session/guest-data.ts");
});

test("the check finds a table the map leaves out", () => {
  const schema =
    fs.readFileSync("prisma/schema.prisma", "utf8") +
    "\nmodel Wishlist {\n  id             String @id\n  guestSessionId String?\n}\n";
  assert.notDeepEqual(Object.keys(GUEST_DATA).sort(), guestOwnedModels(schema));
});
