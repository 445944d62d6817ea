// The bench's modes and what each starts. SQLite (the default): one production server, started
// exactly as `npm start` does; BENCH_DATABASE=postgres: the same on a throwaway PostgreSQL (or a
// database made on the server of BENCH_DATABASE_URL); BENCH_CLUSTER=N: N servers behind nginx on
// PostgreSQL and Redis (scripts/local/cluster.ts), every route measured through nginx.
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startCluster, type Cluster } from "../local/cluster";
import { createDatabase, startPostgres, type PostgresServer } from "../local/postgres-server";
import { freePort, startServer, stopServer } from "../local/server";

export const CLUSTER_SIZE = Number(process.env.BENCH_CLUSTER ?? 0);
export const MODE: "sqlite" | "postgres" | "cluster" =
  CLUSTER_SIZE > 0 ? "cluster" : process.env.BENCH_DATABASE === "postgres" ? "postgres" : "sqlite";
export const MODE_NAME = {
  sqlite: "SQLite, one server",
  postgres: "PostgreSQL, one server",
  cluster: `PostgreSQL, ${CLUSTER_SIZE} servers behind nginx, Redis page cache`,
}[MODE];

// The server and this process share one temporary database. These settings are made when this
// module loads, so bench.ts imports it before anything reads them (every lib/ import comes later).
export const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-bench-"));
const raised = "1000000";
Object.assign(process.env, {
  DATABASE_URL: `file:${path.join(dir, "shop.db")}`,
  SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
  RATE_LIMIT_SESSIONS_PER_MIN: raised,
  RATE_LIMIT_SESSIONS_PER_HOUR: raised,
  RATE_LIMIT_CART_WRITES_PER_MIN: raised,
  RATE_LIMIT_CART_WRITES_PER_IP_PER_MIN: raised,
  // The security log is written as in production, to a file beside the database, not the console.
  LOG_FILE: path.join(dir, "security.log"),
  RATE_LIMIT_SIGNUPS_PER_MIN: raised,
  RATE_LIMIT_LOGINS_PER_MIN: raised,
  NEXT_TELEMETRY_DISABLED: "1",
});

/** The database for this mode: SQLite's file is set above; PostgreSQL's is made here. */
async function database(): Promise<PostgresServer | null> {
  if (MODE === "sqlite") return null;
  const given = process.env.BENCH_DATABASE_URL?.trim();
  const server = given ? null : await startPostgres();
  process.env.DATABASE_URL = await createDatabase(
    given || server!.url,
    `passerby_bench_${crypto.randomBytes(4).toString("hex")}`,
  );
  return server;
}

export type Started = {
  /** Where the routes are measured: the server, or nginx in front of the cluster. */
  base: string;
  cluster: Cluster | null;
  /** Stops the server or the cluster; the database stays, for the micro-benchmarks. */
  stopServers(): Promise<void>;
  /** Stops the throwaway PostgreSQL, if this mode started one. */
  stopDatabase(): void;
};

/** The database, then the server(s) of this mode, answering. */
export async function startMode(): Promise<Started> {
  const postgres = await database();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  let cluster: Cluster | null = null;
  if (MODE === "cluster") {
    console.log(`[bench] starting ${CLUSTER_SIZE} servers behind nginx on port ${port}, on PostgreSQL and Redis`);
    cluster = await startCluster({ port, size: CLUSTER_SIZE, databaseUrl: process.env.DATABASE_URL, quiet: true });
  } else {
    console.log(
      `[bench] starting the production server on port ${port} with a temporary ${MODE === "sqlite" ? "SQLite" : "PostgreSQL"} database`,
    );
    server = await startServer(port);
  }
  return {
    base,
    cluster,
    async stopServers() {
      if (server) stopServer(server);
      await cluster?.stop();
    },
    stopDatabase: () => postgres?.stop(),
  };
}
