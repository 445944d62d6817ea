// The PostgreSQL schema is derived from the SQLite one (scripts/dev/postgres-schema.ts): the
// committed copy must be what the script writes, and every migration must exist for both engines.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { POSTGRES_SCHEMA, SQLITE_SCHEMA, postgresSchema } from "../scripts/dev/postgres-schema";

test("prisma/postgres/schema.prisma is prisma/schema.prisma with the PostgreSQL provider (run `npx tsx scripts/dev/postgres-schema.ts`)", () => {
  assert.equal(fs.readFileSync(POSTGRES_SCHEMA, "utf8"), postgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
});

test("the PostgreSQL migrations are no older than the newest SQLite migration", () => {
  const names = (dir: string) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  const sqlite = names(path.join("prisma", "migrations"));
  const postgres = names(path.join("prisma", "postgres", "migrations"));
  assert.ok(postgres.length > 0, "no PostgreSQL migration");
  assert.ok(
    postgres.at(-1)! >= sqlite.at(-1)!,
    `${sqlite.at(-1)} has no PostgreSQL counterpart: write one (README, "Beyond one machine")`,
  );
});
