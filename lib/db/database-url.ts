import fs from "node:fs";
import path from "node:path";

/** Environment variables by name (process.env, or a test's own set). */
export type Env = Record<string, string | undefined>;

export const DEFAULT_DATABASE_URL = "file:./data/shop.db";

/** The SQLite file behind a `file:` URL, resolved against the working directory. */
export function databaseFile(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL, got "${url}".`);
  }
  return path.resolve(url.slice("file:".length));
}

/**
 * DATABASE_URL with its default, as an absolute `file:` URL whose folder exists.
 * Kept free of other imports because prisma.config.ts loads it too.
 */
export function databaseUrl(env: Env = process.env): string {
  const file = databaseFile(env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return `file:${file}`;
}
