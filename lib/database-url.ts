import fs from "node:fs";
import path from "node:path";

/** Environment variables by name (process.env, or a test's own set). */
export type Env = Record<string, string | undefined>;

export const DEFAULT_DATABASE_URL = "file:./data/shop.db";

/** Which engine a DATABASE_URL names: an embedded SQLite file, or a PostgreSQL server. */
export type Engine = "sqlite" | "postgres";

export function engineOf(url: string): Engine {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error(`DATABASE_URL must be a SQLite "file:" URL or a "postgresql://" URL, got "${redact(url)}".`);
}

/** The URL without its password, for messages. */
export const redact = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");

/** The SQLite file behind a `file:` URL, resolved against the working directory. */
export function databaseFile(url: string): string {
  if (engineOf(url) !== "sqlite") throw new Error(`Not a SQLite URL: "${redact(url)}".`);
  return path.resolve(url.slice("file:".length));
}

/**
 * DATABASE_URL with its default: a PostgreSQL URL as given, or an absolute `file:` URL whose
 * folder exists. Kept free of other imports because prisma.config.ts loads it too.
 */
export function databaseUrl(env: Env = process.env): string {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (engineOf(url) === "postgres") return url;
  const file = databaseFile(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return `file:${file}`;
}

/** Where the shop keeps files of its own (the generated session secret): beside the SQLite file, else ./data. */
export function dataDir(url: string): string {
  const dir = engineOf(url) === "sqlite" ? path.dirname(databaseFile(url)) : path.resolve("data");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
