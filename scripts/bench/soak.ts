// `npm run soak [-- --minutes N] [--postgres|--cluster]`: mixed traffic against a production
// start for N minutes (10), then the data itself checked. Virtual shoppers (scripts/bench/soak-shoppers.ts)
// browse, fill guest carts, check out as guests, sign up and log in (migrating their carts), and
// come back to sessions the sweep may have expired, while the sweep runs every 30 s. It prints per
// minute the requests, 5xx, connection errors, p95 and the servers' RSS, then checks: no 5xx and
// no connection error; the last minute's p95 under twice the second minute's; RSS growing less than
// 25 % after the second minute; every acknowledged order and sign-up stored exactly once; every
// migration recorded once; stock never negative and every unit accounted for. The same goes to
// bench-results/soak-<mode>.json; it exits 1 when a check fails. Modes: SQLite (the default), a
// throwaway PostgreSQL (--postgres), 2 servers behind nginx on PostgreSQL and Redis (--cluster).
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startCluster, type Cluster } from "../local/cluster";
import { median, table } from "./load";
import { must } from "../must";
import { createDatabase, startPostgres, type PostgresServer } from "../local/postgres-server";
import { freePort, startServer, stopServer } from "../local/server";
import { percentile, Traffic, type Product } from "./soak-shoppers";

const root = path.resolve(__dirname, "..", "..");
const { values: args } = parseArgs({
  options: { minutes: { type: "string", default: "10" }, postgres: { type: "boolean" }, cluster: { type: "boolean" } },
});
const MINUTES = Number(args.minutes);
if (!Number.isInteger(MINUTES) || MINUTES < 1)
  throw new Error(`--minutes must be a whole number of minutes, got "${args.minutes}".`);
const MODE = args.cluster ? "cluster" : args.postgres ? "postgres" : "sqlite";
const CLUSTER_SIZE = 2;
const SHOPPERS = 10;
/** A product under this stock gets RESTOCK more units (in the database, from here), so that checkouts keep succeeding. */
const LOW_STOCK = 30;
const RESTOCK = 100;
const RUN_ID = crypto.randomBytes(3).toString("hex");

// The servers and this process share one temporary database; settings before any lib/ import.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-soak-"));
// Every shopper comes from one address: no per-IP or per-session limit may bite. Not higher: the
// log-in limiter's caps are multiples of its setting, stored in an integer column (PostgreSQL's
// is 32-bit: RATE_LIMIT_LOGINS_PER_MIN=1e9 makes every log-in a 500 there).
const raised = "1000000";
Object.assign(process.env, {
  DATABASE_URL: `file:${path.join(dir, "shop.db")}`,
  SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
  RATE_LIMIT_SESSIONS_PER_MIN: raised,
  RATE_LIMIT_SESSIONS_PER_HOUR: raised,
  RATE_LIMIT_CART_WRITES_PER_MIN: raised,
  RATE_LIMIT_CART_WRITES_PER_IP_PER_MIN: raised,
  RATE_LIMIT_SIGNUPS_PER_MIN: raised,
  RATE_LIMIT_LOGINS_PER_MIN: raised,
  // The sweep runs several times a run and finds idle guests to expire (120 s is the least allowed).
  SWEEP_INTERVAL: "30",
  GUEST_IDLE_TIMEOUT: "120",
  LOG_FILE: path.join(dir, "security.log"),
  NEXT_TELEMETRY_DISABLED: "1",
});

type Check = { check: string; value: string; pass: boolean | null };

/** Resident memory (MB) of the `next start` process found at or under `pid`, with its own children. */
function serverRss(pid: number): number {
  const procs = fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const status = fs.readFileSync(`/proc/${d}/status`, "utf8");
        const cmd = fs.readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ");
        return [
          {
            pid: Number(d),
            ppid: Number(/PPid:\s+(\d+)/.exec(status)![1]),
            rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0),
            cmd,
          },
        ];
      } catch {
        return []; // gone meanwhile
      }
    });
  const under = (p: number): number[] => [p, ...procs.filter((q) => q.ppid === p).flatMap((q) => under(q.pid))];
  // Breadth-first: the first process that is Next itself (tsx and scripts/run/start.ts sit above it).
  const next = under(pid)
    .map((p) => procs.find((q) => q.pid === p))
    .find((q) => q && /next-server|\bnext\b.*\bstart\b/.test(q.cmd));
  return next ? under(next.pid).reduce((kb, p) => kb + (procs.find((q) => q.pid === p)?.rssKb ?? 0), 0) / 1024 : 0;
}

/** What this run started, to stop at the end, on a failure and on Ctrl-C (the server has its own process group). */
const running: {
  postgres?: PostgresServer;
  cluster?: Cluster;
  server?: ChildProcess;
  disconnect?: () => Promise<void>;
} = {};
let stopping: Promise<void> | null = null;
const stopAll = () =>
  (stopping ??= (async () => {
    if (running.server) stopServer(running.server);
    await running.cluster?.stop();
    await running.disconnect?.();
    running.postgres?.stop();
  })());
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void stopAll().finally(() => process.exit(130)));

async function main() {
  if (MODE !== "sqlite") {
    running.postgres = await startPostgres();
    process.env.DATABASE_URL = await createDatabase(running.postgres.url, `passerby_soak_${RUN_ID}`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(
    `[soak] ${MODE}: starting ${MODE === "cluster" ? `${CLUSTER_SIZE} servers behind nginx` : "the production server"} on port ${port}`,
  );
  if (MODE === "cluster")
    running.cluster = await startCluster({
      port,
      size: CLUSTER_SIZE,
      databaseUrl: process.env.DATABASE_URL,
      quiet: true,
    });
  else running.server = await startServer(port);
  const pids = () => (running.cluster ? running.cluster.servers.map((s) => s.process.pid!) : [running.server!.pid!]);
  const { db, disconnect } = await import("../../lib/db/client");
  running.disconnect = disconnect;

  const stockBefore = new Map(
    (await db.product.findMany({ select: { id: true, stock: true } })).map((p) => [p.id, p.stock]),
  );
  const restocked = new Map<string, number>();
  const products: Product[] = (await (await fetch(`${base}/api/products`)).json()).products;
  const traffic = new Traffic(base, products, MINUTES, RUN_ID);
  // Per minute, each server's RSS: the median of its samples every 5 s. One sample swings by a
  // hundred MB or more with the collector's cycle (the first 10-minute cluster run, sampled once a minute).
  const samples: number[][][] = traffic.minutes.map(() => []);
  const rss: number[][] = [];
  let results: { checks: Check[]; data: Record<string, number> } | null = null;
  try {
    const started = performance.now();
    const until = started + MINUTES * 60_000;
    const restocker = setInterval(
      () => void restock(db, restocked).catch((e) => console.error("[soak] restock failed:", e)),
      5_000,
    );
    const sampler = setInterval(() => {
      const minute = Math.floor((performance.now() - started) / 60_000);
      if (minute < MINUTES) must(samples[minute], `minute ${minute + 1}'s samples`).push(pids().map(serverRss));
      if (minute >= 1 && minute <= MINUTES && !rss[minute - 1]) {
        const finished = must(samples[minute - 1], `minute ${minute}'s samples`);
        const perServer = pids().map((_, i) => median(finished.map((s) => must(s[i], `server ${i + 1}'s sample`))));
        rss[minute - 1] = perServer;
        const m = must(traffic.minutes[minute - 1], `minute ${minute}'s traffic`);
        console.log(
          `[soak] minute ${minute}: ${m.requests} requests, ${m.status5xx} 5xx, ${m.connectionErrors} connection errors, ` +
            `p95 ${percentile(m.latencies, 95).toFixed(0)} ms, RSS ${perServer.map((r) => r.toFixed(0)).join(" + ")} MB`,
        );
      }
    }, 5_000);
    await Promise.all(Array.from({ length: SHOPPERS }, () => traffic.shopper(until)));
    clearInterval(restocker);
    await new Promise((r) => setTimeout(r, Math.max(0, until + 5_500 - performance.now()))); // the last minute's samples
    clearInterval(sampler);
    await restock(db, restocked); // one that may still be running
    results = await checkData(db, traffic, stockBefore, restocked);
  } finally {
    report(traffic, rss, results);
  }
}

/** Adds RESTOCK units to each product under LOW_STOCK (except those sold out in the seed): an increment, safe beside checkouts. */
let restocking: Promise<void> = Promise.resolve();
function restock(db: (typeof import("../../lib/db/client"))["db"], restocked: Map<string, number>): Promise<void> {
  restocking = restocking.then(async () => {
    for (const p of await db.product.findMany({ where: { stock: { lt: LOW_STOCK, gt: 0 } }, select: { id: true } })) {
      await db.product.update({ where: { id: p.id }, data: { stock: { increment: RESTOCK } } });
      restocked.set(p.id, (restocked.get(p.id) ?? 0) + RESTOCK);
    }
  });
  return restocking;
}

/** What the database holds against what the shop acknowledged. */
async function checkData(
  db: (typeof import("../../lib/db/client"))["db"],
  traffic: Traffic,
  stockBefore: Map<string, number>,
  restocked: Map<string, number>,
) {
  const unanswered = traffic.minutes.reduce((n, m) => n + m.connectionErrors, 0); // each may have been done, unacknowledged
  const orders = await db.order.findMany({ select: { id: true } });
  const orderIds = new Set(orders.map((o) => o.id));
  const ackedOrders = new Set(traffic.orders);
  const users = await db.user.findMany({ where: { email: { endsWith: "@soak.test" } }, select: { email: true } });
  const emails = new Set(users.map((u) => u.email));
  const migrations = await db.migration.findMany({ select: { guestSessionId: true, userId: true, kind: true } });
  const migrationOf = new Map(migrations.map((m) => [m.guestSessionId, m]));
  const products = await db.product.findMany({ select: { id: true, slug: true, stock: true } });
  const sold = new Map(
    (await db.orderItem.groupBy({ by: ["productId"], _sum: { quantity: true } })).map((g) => [
      g.productId,
      g._sum.quantity ?? 0,
    ]),
  );
  const unaccounted = products.filter(
    (p) => p.stock !== stockBefore.get(p.id)! + (restocked.get(p.id) ?? 0) - (sold.get(p.id) ?? 0),
  );
  const expired = await db.guestSession.count({ where: { status: "expired" } });

  const found = (ids: string[], has: (id: string) => boolean) => ids.filter(has).length;
  const checks: Check[] = [
    {
      check: "every acknowledged order stored exactly once",
      value: `${ackedOrders.size} acknowledged (${traffic.orders.length - ackedOrders.size} ids twice), ${found([...ackedOrders], (id) => orderIds.has(id))} found, ${orders.length} in the database`,
      pass:
        ackedOrders.size === traffic.orders.length &&
        found([...ackedOrders], (id) => orderIds.has(id)) === ackedOrders.size &&
        orders.length - ackedOrders.size <= unanswered,
    },
    {
      check: "every acknowledged sign-up stored as exactly one user",
      value: `${traffic.signups.length} acknowledged, ${found(traffic.signups, (e) => emails.has(e))} found, ${users.length} soak users in the database`,
      pass:
        found(traffic.signups, (e) => emails.has(e)) === traffic.signups.length &&
        users.length - traffic.signups.length <= unanswered,
    },
    {
      check: "every acknowledged migration recorded once",
      value:
        `${traffic.migrations.length} acknowledged (${traffic.migrations.filter((m) => m.kind === "login").length} at log-in), ` +
        `${traffic.migrations.filter((m) => migrationOf.get(m.guestSessionId)?.userId === m.userId).length} found, ${migrations.length} in the database`,
      pass:
        traffic.migrations.every(
          (m) =>
            migrationOf.get(m.guestSessionId)?.userId === m.userId &&
            migrationOf.get(m.guestSessionId)?.kind === m.kind,
        ) &&
        new Set(traffic.migrations.map((m) => m.guestSessionId)).size === traffic.migrations.length &&
        migrations.length - traffic.migrations.length <= unanswered,
    },
    {
      check: "stock never negative, every unit accounted for",
      value:
        `${products.filter((p) => p.stock < 0).length} negative; ${unaccounted.length} products where seed + restocked − sold ≠ stock` +
        (unaccounted.length ? ` (${unaccounted.map((p) => p.slug).join(", ")})` : ""),
      pass: products.every((p) => p.stock >= 0) && unaccounted.length === 0,
    },
    // Sessions idle for GUEST_IDLE_TIMEOUT (120 s) are there to expire after three minutes.
    {
      check: "the sweep expired idle guest sessions",
      value: `${expired} expired`,
      pass: MINUTES >= 4 ? expired > 0 : null,
    },
  ];
  return {
    checks,
    data: {
      orders: orders.length,
      soakUsers: users.length,
      migrations: migrations.length,
      expiredGuestSessions: expired,
      unitsRestocked: [...restocked.values()].reduce((a, b) => a + b, 0),
      unitsSold: [...sold.values()].reduce((a, b) => a + b, 0),
    },
  };
}

function report(traffic: Traffic, rss: number[][], results: { checks: Check[]; data: Record<string, number> } | null) {
  const rows = traffic.minutes.map((m, i) => ({
    minute: i + 1,
    requests: m.requests,
    status5xx: m.status5xx,
    connectionErrors: m.connectionErrors,
    status4xx: m.status4xx,
    p95Ms: Math.round(percentile(m.latencies, 95)),
    rssMB: Math.round((rss[i] ?? []).reduce((a, b) => a + b, 0)),
    rssPerServerMB: (rss[i] ?? []).map(Math.round),
  }));
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((t, r) => t + f(r), 0);
  const [second, last] = [rows[1], rows.at(-1)];
  const enough = MINUTES >= 3 && second !== undefined && last !== undefined; // the trend checks compare the last minute with the second
  const checks: Check[] = [
    {
      check: "no 5xx and no connection error",
      value: `${sum((r) => r.status5xx)} 5xx, ${sum((r) => r.connectionErrors)} connection errors`,
      pass: sum((r) => r.status5xx + r.connectionErrors) === 0,
    },
    {
      check: "last minute's p95 < 2 × second minute's",
      value: enough ? `${last.p95Ms} ms vs ${second.p95Ms} ms` : "needs 3 minutes",
      pass: enough ? last.p95Ms < 2 * second.p95Ms : null,
    },
    {
      check: "RSS (median of the minute) grows < 25 % after minute 2",
      value: enough
        ? `${second.rssMB} → ${last.rssMB} MB (${(((last.rssMB - second.rssMB) / second.rssMB) * 100).toFixed(1)} %)`
        : "needs 3 minutes",
      pass: enough ? last.rssMB < second.rssMB * 1.25 : null,
    },
    ...(results?.checks ?? [{ check: "the data", value: "not checked: the run stopped early", pass: false }]),
  ];
  const modeName = {
    sqlite: "SQLite, one server",
    postgres: "PostgreSQL, one server",
    cluster: `PostgreSQL, ${CLUSTER_SIZE} servers behind nginx, Redis page cache`,
  }[MODE];
  console.log(`\nSoak: ${modeName}, ${SHOPPERS} shoppers, ${MINUTES} min\n`);
  console.log(
    table(
      ["minute", "requests", "5xx", "conn errors", "4xx", "p95 ms", "RSS MB"],
      rows.map((r) => [
        String(r.minute),
        String(r.requests),
        String(r.status5xx),
        String(r.connectionErrors),
        String(r.status4xx),
        String(r.p95Ms),
        `${r.rssMB}${r.rssPerServerMB.length > 1 ? ` (${r.rssPerServerMB.join(" + ")})` : ""}`,
      ]),
    ),
  );
  console.log(
    `\n4xx answers (expected ones):\n${[...traffic.answers4xx].map(([k, n]) => `  ${n} × ${k}`).join("\n") || "  none"}`,
  );
  if (traffic.failures.length) console.log(`\nFirst failures:\n${traffic.failures.map((f) => `  ${f}`).join("\n")}`);
  console.log(
    `\nData: ${Object.entries(results?.data ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}\n`,
  );
  console.log(
    table(
      ["check", "figures", "result"],
      checks.map((c) => [c.check, c.value, c.pass === null ? "SKIP" : c.pass ? "PASS" : "FAIL"]),
    ),
  );

  const out = path.join(root, "bench-results");
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `soak-${MODE}.json`);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version };
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        mode: modeName,
        minutes: MINUTES,
        shoppers: SHOPPERS,
        machine,
        perMinute: rows,
        answers4xx: Object.fromEntries(traffic.answers4xx),
        failures: traffic.failures,
        data: results?.data ?? null,
        checks,
      },
      null,
      2,
    ),
  );
  console.log(`\n[soak] written to ${path.relative(root, file)}`);
  if (checks.some((c) => c.pass === false)) process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error("[soak] failed:", error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    fs.rmSync(dir, { recursive: true, force: true });
  });
