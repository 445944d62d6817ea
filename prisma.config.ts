import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./lib/database-url";

// The CLI runs migrations through the better-sqlite3 driver adapter and the Wasm schema
// engine ("js"), so nothing is downloaded (the README says what that makes work offline).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx --conditions=react-server prisma/seed.ts" },
  async adapter() {
    return new PrismaBetterSQLite3({ url: databaseUrl() });
  },
});
