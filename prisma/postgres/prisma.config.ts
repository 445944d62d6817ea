import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's own tooling on PostgreSQL, for machines that can download Prisma's native engines:
//   DATABASE_URL=postgresql://… npx prisma migrate status --config prisma/postgres/prisma.config.ts
// `npm start` does not need it: it applies these migrations itself (lib/db/postgres-migrations.ts),
// into the same `_prisma_migrations` table, because the Wasm engine cannot do it here.
export default defineConfig({
  engine: "classic",
  datasource: { url: process.env.DATABASE_URL ?? "" },
  schema: path.join("prisma", "postgres", "schema.prisma"),
  migrations: { path: path.join("prisma", "postgres", "migrations") },
});
