// `tsx tests/helpers/postgres-db.ts create ADMIN_URL` makes a fresh, migrated database on the
// server of ADMIN_URL and prints its URL; `drop URL` drops it. Test processes run it
// synchronously (tests/helpers/test-db.ts), because their settings are read on import.
import crypto from "node:crypto";
import pg from "pg";
import { applyPostgresMigrations } from "../../lib/db/postgres-migrations";

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function onServer(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main() {
  const [command, url = ""] = process.argv.slice(2);
  if (command === "create") {
    const name = `passerby_test_${crypto.randomBytes(6).toString("hex")}`;
    await onServer(url, `CREATE DATABASE "${name}"`);
    const client = new pg.Client({ connectionString: withDatabase(url, name) });
    await client.connect();
    try {
      await applyPostgresMigrations(client);
    } finally {
      await client.end();
    }
    process.stdout.write(withDatabase(url, name));
  } else if (command === "drop") {
    const name = new URL(url).pathname.slice(1);
    if (!name.startsWith("passerby_test_")) throw new Error(`Not a test database: ${name}`);
    await onServer(withDatabase(url, "postgres"), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    throw new Error("usage: postgres-db.ts create ADMIN_URL | drop URL");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
