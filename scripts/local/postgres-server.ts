// A throwaway PostgreSQL server for this machine's tests and cluster: Debian's `postgresql`
// binaries, a data folder in the temp directory, a free port, no fsync (nothing in it is kept).
// It installs nothing: without the binaries it says which package to install.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./server";

export class MissingProgram extends Error {}

/** The folder of initdb and pg_ctl: PG_BIN, else the newest of /usr/lib/postgresql/N/bin. */
function binaries(): string {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : fs.existsSync("/usr/lib/postgresql")
      ? fs
          .readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")));
  if (!found) {
    throw new MissingProgram(
      "PostgreSQL's server programs (initdb, pg_ctl) are not installed. Install them with " +
        "`apt-get install postgresql` (or set PG_BIN to their folder), or point TEST_DATABASE_URL / DATABASE_URL at a server you have.",
    );
  }
  return found;
}

export type PostgresServer = { url: string; stop(): void };

/** Starts a private server and returns its URL (user postgres, database postgres, trust auth). */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = binaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-pg-"));
  const data = path.join(dir, "data");
  // initdb refuses to run as root: run the server programs as the `postgres` user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const run = (program: string, args: string[]) => {
    const [command, argv] = asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]]
      : [path.join(bin, program), args];
    const result = spawnSync(command, argv as string[], { encoding: "utf8" });
    if (result.status !== 0)
      throw new Error(`${program} failed: ${result.stderr || result.stdout || result.error?.message}`);
  };
  const port = await freePort();
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200`;
  run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "start"]);
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Creates a database on the server of `serverUrl` and returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`).finally(() => client.end());
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
