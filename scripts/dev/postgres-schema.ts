// Writes prisma/postgres/schema.prisma from prisma/schema.prisma: the same data model, with the
// PostgreSQL provider and its own generated client. prisma/schema.prisma is the one to edit;
// `npm install` (postinstall) runs this, and tests/postgres-schema.test.ts fails when the
// committed copy is stale. After a model change, also write the PostgreSQL migration
// (README, "Beyond one machine").
import fs from "node:fs";
import path from "node:path";

export const SQLITE_SCHEMA = path.join("prisma", "schema.prisma");
export const POSTGRES_SCHEMA = path.join("prisma", "postgres", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/dev/postgres-schema.ts: edit that file, not this one.
// The same data model on PostgreSQL (DATABASE_URL=postgresql://…), with its own generated client.
`;

export function postgresSchema(sqlite: string): string {
  const replace = (text: string, pattern: RegExp, by: string) => {
    if (!pattern.test(text)) throw new Error(`${SQLITE_SCHEMA}: expected to find ${pattern}`);
    return text.replace(pattern, by);
  };
  let schema = sqlite.replace(/^(\/\/.*\n)+/, "");
  schema = replace(
    schema,
    /output\s*=\s*"\.\.\/lib\/generated\/prisma"/,
    `output     = "../../lib/generated/prisma-postgres"`,
  );
  schema = replace(
    schema,
    /datasource db \{[^}]*\}/,
    `datasource db {\n  provider = "postgresql"\n  // Required to parse; DATABASE_URL is the one used (env("…") here makes \`prisma generate\` fetch an engine).\n  url      = "postgresql://localhost/passerby"\n}`,
  );
  return HEADER + schema;
}

if (process.argv[1]?.endsWith("postgres-schema.ts")) {
  const next = postgresSchema(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : "";
  if (next !== current) {
    fs.writeFileSync(POSTGRES_SCHEMA, next);
    console.log(`[passerby] Wrote ${POSTGRES_SCHEMA}.`);
  }
}
