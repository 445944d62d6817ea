// `npm run bench`: throughput of the production server route by route, in one run, plus
// micro-benchmarks of the session and migration code, checked against budgets that are ratios
// (absolute numbers drift from machine to machine; ratios within one run do not).
//
// It builds if needed and starts the server exactly as `npm start` does, on a free port, with a
// temporary database and the rate limits raised out of the way; it prints a table, writes the
// same to bench-results/<mode>.json, stops the server and exits 1 when a budget fails.
// Modes: SQLite (the default); BENCH_DATABASE=postgres, a throwaway PostgreSQL (or a database
// made on the server of BENCH_DATABASE_URL); BENCH_CLUSTER=N, N servers behind nginx on
// PostgreSQL and Redis (scripts/local/cluster.ts), every route measured through nginx.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startCluster, type Cluster } from "../local/cluster";
import { CONNECTIONS, guestCookie, load, median, table, timeEach, type Micro, type Row, type Target } from "./load";
import { createDatabase, startPostgres, type PostgresServer } from "../local/postgres-server";
import { freePort, startServer, stopServer } from "../local/server";

const root = path.resolve(__dirname, "..", "..");
const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = Number(process.env.BENCH_SECONDS ?? 9);
const CEILING_SECONDS = 3;
/**
 * A route's measurement is cut into this many slices, alternating with the liveness route's.
 * Measured here with the liveness route (sent a cookie) against itself, in one server: six
 * medians of nine pairs of 1-second slices ranged 0.91–1.07, of eighteen half-second ones 0.96–1.00.
 */
const SLICES = 18;
const SIGNUPS = 40;
const ADD_GUESTS = 300;
const CHECKOUTS = 1_500;
const SIGNUP_TIMING_RUNS = 15;
const MICRO_RUNS = 40;
const json = { "content-type": "application/json" };
const CLUSTER_SIZE = Number(process.env.BENCH_CLUSTER ?? 0);
const MODE: "sqlite" | "postgres" | "cluster" = CLUSTER_SIZE > 0 ? "cluster" : process.env.BENCH_DATABASE === "postgres" ? "postgres" : "sqlite";

// The server and this process share one temporary database; settings before any lib/ import.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-bench-"));
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
  process.env.DATABASE_URL = await createDatabase(given || server!.url, `passerby_bench_${crypto.randomBytes(4).toString("hex")}`);
  return server;
}

async function main() {
  const postgres = await database();
  const port = await freePort();
  let base = `http://127.0.0.1:${port}`;
  let server: import("node:child_process").ChildProcess | null = null;
  let cluster: Cluster | null = null;
  if (MODE === "cluster") {
    console.log(`[bench] starting ${CLUSTER_SIZE} servers behind nginx on port ${port}, on PostgreSQL and Redis`);
    cluster = await startCluster({ port, size: CLUSTER_SIZE, databaseUrl: process.env.DATABASE_URL, quiet: true });
    base = `http://127.0.0.1:${port}`;
  } else {
    console.log(`[bench] starting the production server on port ${port} with a temporary ${MODE === "sqlite" ? "SQLite" : "PostgreSQL"} database`);
    server = await startServer(port);
  }
  const { db } = await import("../../lib/db/client");

  const rows: Row[] = [];
  let benchProducts: { id: string }[] = [];
  let timing: Micro[] = [];
  try {
    const guest = await guestCookie(base);
    const product = await db.product.findUniqueOrThrow({ where: { slug: "morning-blend" } });
    for (const slug of ["morning-blend", "brass-pen", "soy-candle"]) {
      await fetch(`${base}/api/cart/items`, { method: "POST", headers: { ...json, cookie: guest }, body: JSON.stringify({ slug }) });
    }
    // Cart adds rotate over guests and products (request k: guest k mod G, product k div G), so
    // that no line reaches its cap or its product's stock while the bench runs.
    const adders = await Promise.all(Array.from({ length: ADD_GUESTS }, () => guestCookie(base)));
    const addable = await db.product.findMany({ where: { stock: { gte: 20 } }, select: { id: true } });
    let adds = 0;
    const nextAdd = () => {
      const k = adds++;
      const cookie = adders[k % adders.length];
      const productId = addable[Math.floor(k / adders.length) % addable.length].id;
      return { headers: { ...json, cookie }, body: JSON.stringify({ productId, quantity: 1 }) };
    };
    const targets: Target[] = [
      { name: "GET /api/health/live (liveness)", path: "/api/health/live" },
      // The liveness route against itself: how far this run's ratios move with no difference at all.
      { name: "GET /api/health/live (A/A: liveness against itself)", path: "/api/health/live" },
      { name: "GET /api/health", path: "/api/health" },
      { name: "GET /about (static page)", path: "/about" },
      { name: "GET / (catalog)", path: "/" },
      { name: "GET /products/[slug]", path: "/products/morning-blend" },
      { name: "GET /api/session (guest)", path: "/api/session", headers: { cookie: guest } },
      { name: "GET /api/cart (guest)", path: "/api/cart", headers: { cookie: guest } },
      { name: "POST /api/session (guest creation)", path: "/api/session", method: "POST" },
      { name: "POST /api/cart/items (guest, add 1)", path: "/api/cart/items", method: "POST", vary: nextAdd },
      {
        name: "PATCH /api/cart/items/[id] (guest)", path: `/api/cart/items/${product.id}`, method: "PATCH",
        headers: { ...json, cookie: guest }, body: JSON.stringify({ quantity: 2 }),
      },
    ];
    // This machine's speed drifts from second to second: each route is measured in slices that
    // alternate with slices of the liveness route (each side first every other time), and its
    // budget is the median of the pairs' ratios.
    const alternating = async (target: Target): Promise<Row> => {
      const routeSlices: Row[] = [];
      const live: number[] = [];
      for (let i = 0; i < SLICES; i++) {
        const measureLive = async () => live.push((await load(base, targets[0], MEASURE_SECONDS / SLICES)).rps);
        if (i % 2 === 0) await measureLive();
        routeSlices.push(await load(base, target, MEASURE_SECONDS / SLICES));
        if (i % 2 === 1) await measureLive();
      }
      const sum = (f: (r: Row) => number) => routeSlices.reduce((total, r) => total + f(r), 0);
      return {
        name: target.name, rps: sum((r) => r.rps) / SLICES, p50: median(routeSlices.map((r) => r.p50)),
        p99: Math.max(...routeSlices.map((r) => r.p99)), errors: sum((r) => r.errors), requests: sum((r) => r.requests),
        ceiling: live.reduce((a, b) => a + b, 0) / SLICES,
        // The median pair: one slice that the machine stalled in moves the budget by nothing.
        ratio: median(routeSlices.map((r, i) => r.rps / live[i])),
      };
    };
    // Checkouts use up prepared guests, so they run once, between two liveness measurements.
    const ceilingAround = async (measure: () => Promise<Row>): Promise<Row> => {
      const before = await load(base, targets[0], CEILING_SECONDS);
      const row = await measure();
      const after = await load(base, targets[0], CEILING_SECONDS);
      return { ...row, ceiling: (before.rps + after.rps) / 2 };
    };
    for (const target of targets) {
      await load(base, target, WARMUP_SECONDS);
      const row = target === targets[0] ? await load(base, target, MEASURE_SECONDS) : await alternating(target);
      rows.push(row);
      console.log(`[bench] ${row.name}: ${row.rps.toFixed(0)} req/s${row.ceiling ? ` (liveness beside it: ${row.ceiling.toFixed(0)})` : ""}`);
    }
    benchProducts = await addBenchProducts(db);
    rows.push(await ceilingAround(() => checkouts(base, benchProducts[0].id)));
    console.log(`[bench] ${rows.at(-1)!.name}: ${rows.at(-1)!.rps.toFixed(0)} req/s (liveness beside it: ${rows.at(-1)!.ceiling!.toFixed(0)})`);
    rows.push(await signups(base, benchProducts.slice(0, 20).map((p) => p.id), db));
    timing = await signupTiming(base);
    if (cluster) {
      const sessionCheck = targets.find((t) => t.name.startsWith("GET /api/session"))!;
      // The same session check straight to one server, in slices alternating with nginx's.
      const one = `http://127.0.0.1:${cluster.servers[0].port}`;
      const pair: Row[][] = [[], []];
      for (let i = 0; i < SLICES; i++) {
        pair[0].push(await load(base, sessionCheck, MEASURE_SECONDS / SLICES));
        pair[1].push(await load(one, sessionCheck, MEASURE_SECONDS / SLICES));
      }
      const merged = (name: string, slices: Row[]): Row => ({
        name, rps: slices.reduce((t, r) => t + r.rps, 0) / SLICES, p50: median(slices.map((r) => r.p50)),
        p99: Math.max(...slices.map((r) => r.p99)), errors: slices.reduce((t, r) => t + r.errors, 0), requests: slices.reduce((t, r) => t + r.requests, 0),
      });
      rows.push(merged("GET /api/session (guest), nginx and all servers", pair[0]), merged("GET /api/session (guest), one server alone", pair[1]));
    }
  } finally {
    if (server) stopServer(server);
    await cluster?.stop();
  }

  // Micro-benchmarks, in this process, with the server stopped.
  const { createGuestSession } = await import("../../lib/session/lifecycle");
  const { resolveSession } = await import("../../lib/session/check");
  const { migrateGuestSession } = await import("../../lib/cart/migration");
  const { placeOrder } = await import("../../lib/checkout/checkout");
  const { sealData, unsealData } = await import("iron-session");
  const password = process.env.SESSION_SECRET!;
  const payload = { sid: "guest_benchbenchbenchbenchbe", type: "anonymous", exp: Date.now() + 86_400_000 };
  const sealed = await sealData(payload, { password, ttl: 86_400 });
  const micro: Micro[] = [];
  const add = (name: string, medianMs: number) => micro.push({ name, medianMs, runs: MICRO_RUNS });

  add("seal a session cookie", await timeEach(MICRO_RUNS, async () => null, () => sealData(payload, { password, ttl: 86_400 })));
  add("unseal a session cookie", await timeEach(MICRO_RUNS, async () => null, () => unsealData(sealed, { password })));
  add("session check, first sight (unseal + row)", await timeEach(MICRO_RUNS, async () => (await createGuestSession()).seal, (seal) => resolveSession(seal)));
  const { seal: known } = await createGuestSession();
  await resolveSession(known);
  add("session check, seal seen before (row only)", await timeEach(MICRO_RUNS, async () => known, (seal) => resolveSession(seal)));

  let n = 0;
  add("migration of a 100-line cart", await timeEach(MICRO_RUNS, async () => {
    const { session: guest } = await createGuestSession();
    const cart = await db.cart.create({ data: { guestSessionId: guest.id } });
    await db.cartItem.createMany({ data: benchProducts.map((p) => ({ cartId: cart.id, productId: p.id, quantity: 1 })) });
    const user = await db.user.create({ data: { email: `micro${++n}@bench.test`, passwordHash: "x" } });
    return { guestSessionId: guest.id, userId: user.id };
  }, async (ids) => {
    const summary = await migrateGuestSession({ ...ids, kind: "signup" });
    if (summary?.cartItems !== 100) throw new Error("The migration did not move 100 lines.");
  }));
  add("one checkout transaction (2 lines)", await timeEach(MICRO_RUNS, async () => {
    const { seal, session: guest } = await createGuestSession();
    const cart = await db.cart.create({ data: { guestSessionId: guest.id } });
    await db.cartItem.createMany({ data: benchProducts.slice(0, 2).map((p) => ({ cartId: cart.id, productId: p.id, quantity: 1 })) });
    return (await resolveSession(seal)).session;
  }, (guest) => placeOrder(guest, {
    email: "bench@bench.test", name: "Bench", address: { line1: "1 Bench St", city: "Bench", postalCode: "1", country: "US" },
    card: { number: "4242424242424242", expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: "123" },
  })));
  const { flushEvents } = await import("../../lib/journeys/events");
  await flushEvents(); // the checkouts above recorded events; write them before the database goes
  const { disconnect } = await import("../../lib/db/client");
  await disconnect();
  postgres?.stop();

  report(rows, [...timing, ...micro]);
}

/** 100 extra products, so that carts can have 20 and 100 distinct lines (added after the page
 *  measurements, so that the catalog measured is the one that ships). */
async function addBenchProducts(db: typeof import("../../lib/db/client")["db"]): Promise<{ id: string }[]> {
  const home = await db.category.findFirstOrThrow({ where: { slug: "home" } });
  await db.product.createMany({
    data: Array.from({ length: 100 }, (_, i) => ({
      slug: `bench-${i}`, name: `Bench item ${i}`, description: "For the benchmark.", priceCents: 100 + i,
      stock: 1_000_000, image: "/images/soy-candle.svg", categoryId: home.id,
    })),
  });
  return db.product.findMany({ where: { slug: { startsWith: "bench-" } }, select: { id: true } });
}

/**
 * Guest checkouts with the demo card: each needs its own guest with a cart (a checkout empties
 * the cart and gives the guest a new session), so the guests are made first, in this process,
 * and each is sent once; a warm-up pool goes first.
 */
async function checkouts(base: string, productId: string): Promise<Row> {
  const { createGuestSession } = await import("../../lib/session/lifecycle");
  const { addItem } = await import("../../lib/cart/cart");
  const pool = async (size: number) => {
    const cookies: string[] = [];
    for (let i = 0; i < size; i++) {
      const { session, seal } = await createGuestSession();
      await addItem({ guestSessionId: session.id }, { productId, quantity: 1 });
      cookies.push(`passerby_session=${seal}`);
    }
    let next = 0;
    return () => ({ headers: { ...json, cookie: cookies[next++ % cookies.length] } });
  };
  const order = JSON.stringify({
    email: "bench@bench.test", name: "Bench", address: { line1: "1 Bench St", city: "Bench", postalCode: "1", country: "US" },
    card: { number: "4242424242424242", expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: "123" },
  });
  const target = (amount: number, vary: Target["vary"]): Target => ({
    name: "POST /api/checkout (guest, demo card)", path: "/api/checkout", method: "POST", body: order, amount, vary,
  });
  await load(base, target(200, await pool(200)), 0);
  return load(base, target(CHECKOUTS, await pool(CHECKOUTS)), 0);
}

/** Sign-up with migration of a 20-line guest cart: each request needs its own guest and e-mail. */
async function signups(base: string, productIds: string[], db: typeof import("../../lib/db/client")["db"]): Promise<Row> {
  const guests: string[] = [];
  for (let i = 0; i < SIGNUPS; i++) {
    const cookie = await guestCookie(base);
    const session = await fetch(`${base}/api/session`, { headers: { cookie } }).then((r) => r.json());
    const cart = await db.cart.create({ data: { guestSessionId: session.anonymousSession.sessionId } });
    await db.cartItem.createMany({ data: productIds.map((productId) => ({ cartId: cart.id, productId, quantity: 1 })) });
    guests.push(cookie);
  }
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < guests.length) {
      const i = next++;
      const t = performance.now();
      const response = await fetch(`${base}/api/auth/signup`, {
        method: "POST", headers: { ...json, cookie: guests[i] },
        body: JSON.stringify({ email: `bench${i}@bench.test`, password: "correct horse battery staple" }),
      });
      const body = await response.json();
      if (response.status === 201 && body.migration?.cartItems === 20) ok++;
      else errors++;
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all([worker(), worker()]);
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    name: "POST /api/auth/signup (20-line cart migrated)", rps: ok / seconds, p50: median(latencies),
    p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))], errors, requests: guests.length,
  };
}

/**
 * Sign-up answers a registered e-mail (409) after the same Argon2id work as a new one (201), so
 * the time it takes tells nothing. Interleaved, one at a time, without a guest cart to migrate.
 */
async function signupTiming(base: string): Promise<Micro[]> {
  const registered: number[] = [];
  const fresh: number[] = [];
  const signUp = async (email: string, expected: number, into: number[]) => {
    const t = performance.now();
    const response = await fetch(`${base}/api/auth/signup`, {
      method: "POST", headers: json, body: JSON.stringify({ email, password: "correct horse battery staple" }),
    });
    into.push(performance.now() - t);
    if (response.status !== expected) throw new Error(`sign-up of ${email} answered ${response.status}, not ${expected}`);
  };
  for (let i = 0; i < SIGNUP_TIMING_RUNS; i++) {
    await signUp(`bench${i % SIGNUPS}@bench.test`, 409, registered);
    await signUp(`timing${i}@bench.test`, 201, fresh);
  }
  return [
    { name: "sign-up, e-mail already registered (409)", medianMs: median(registered), runs: registered.length },
    { name: "sign-up, new e-mail (201)", medianMs: median(fresh), runs: fresh.length },
  ];
}

function report(rows: Row[], micro: Micro[]) {
  const row = (prefix: string) => rows.find((r) => r.name === prefix) ?? rows.find((r) => r.name.startsWith(prefix))!;
  const rps = (prefix: string) => row(prefix).rps;
  // Route budgets are ratios to the liveness route (the ceiling of any route here), measured beside each.
  const ofLive = (prefix: string) => row(prefix).ratio ?? row(prefix).rps / row(prefix).ceiling!;
  const budgets = [
    { figure: "GET /api/session (guest) ÷ liveness", value: ofLive("GET /api/session"), min: 0.9 },
    { figure: "POST /api/session (guest creation) ÷ liveness", value: ofLive("POST /api/session"), min: 0.45 },
    { figure: "POST /api/cart/items (add 1) ÷ liveness", value: ofLive("POST /api/cart/items"), min: 0.5 },
    { figure: "PATCH /api/cart/items/[id] ÷ liveness", value: ofLive("PATCH"), min: 0.55 },
    { figure: "POST /api/checkout (demo card) ÷ liveness", value: ofLive("POST /api/checkout"), min: 0.15 },
    // Catalog pages against the static page, each as measured beside the liveness route: their
    // own req/s come from different seconds, and this machine's speed drifts between them.
    { figure: "GET / ÷ static page", value: ofLive("GET / (catalog)") / ofLive("GET /about"), min: 0.7 },
    { figure: "GET /products/[slug] ÷ static page", value: ofLive("GET /products/") / ofLive("GET /about"), min: 0.7 },
    // On PostgreSQL every request that asks the database pays a round trip: these are against the
    // readiness route, which asks it too (each normalised by the liveness route beside it).
    ...(MODE === "sqlite" ? [] : [
      { figure: "GET /api/session (guest) ÷ GET /api/health", value: ofLive("GET /api/session") / ofLive("GET /api/health"), min: 0.8 },
      { figure: "PATCH /api/cart/items/[id] ÷ GET /api/health", value: ofLive("PATCH") / ofLive("GET /api/health"), min: 0.4 },
    ]),
    ...(MODE === "cluster" ? [
      { figure: `GET /api/session: ${CLUSTER_SIZE} servers behind nginx ÷ one server`, value: rps("GET /api/session (guest), nginx") / rps("GET /api/session (guest), one server"), min: 1.0 },
    ] : []),
  ].map((b) => ({ ...b, pass: b.value >= b.min }));
  const migration = micro.find((m) => m.name.startsWith("migration"))!;
  const allBudgets = [
    ...budgets.map((b) => ({ figure: b.figure, value: b.value.toFixed(2), budget: `≥ ${b.min.toFixed(2)}`, pass: b.pass })),
    { figure: "migration of a 100-line cart (median)", value: `${migration.medianMs.toFixed(1)} ms`, budget: "< 30 ms", pass: migration.medianMs < 30 },
    (() => {
      const ratio = micro.find((m) => m.name.includes("already registered"))!.medianMs / micro.find((m) => m.name.includes("new e-mail"))!.medianMs;
      return { figure: "sign-up time, registered ÷ new e-mail", value: ratio.toFixed(2), budget: "0.75–1.33", pass: ratio >= 0.75 && ratio <= 1.33 };
    })(),
  ];

  const modeName = { sqlite: "SQLite, one server", postgres: "PostgreSQL, one server", cluster: `PostgreSQL, ${CLUSTER_SIZE} servers behind nginx, Redis page cache` }[MODE];
  console.log(`\nThroughput: ${modeName} (${CONNECTIONS} connections, ${MEASURE_SECONDS} s each; only 2xx answers count)\n`);
  console.log(table(["route", "req/s", "p50 ms", "p99 ms", "errors"],
    rows.map((r) => [r.name, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), String(r.errors)])));
  console.log(`\nMicro-benchmarks (median of ${MICRO_RUNS} runs)\n`);
  console.log(table(["measure", "median ms"], micro.map((m) => [m.name, m.medianMs.toFixed(3)])));
  console.log("\nBudgets\n");
  console.log(table(["figure", "value", "budget", "result"], allBudgets.map((b) => [b.figure, b.value, b.budget, b.pass ? "PASS" : "FAIL"])));
  console.log(`\nThis run's own noise: liveness ÷ itself (A/A, measured as every route is) = ${ofLive("GET /api/health/live (A/A").toFixed(2)}`);

  const out = path.join(root, "bench-results");
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, MODE === "sqlite" ? "latest.json" : `${MODE}.json`);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version };
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), mode: modeName, machine, throughput: rows, micro, budgets: allBudgets }, null, 2));
  console.log(`\n[bench] written to ${path.relative(root, file)}`);
  if (allBudgets.some((b) => !b.pass)) process.exitCode = 1;
}

main()
  .catch((error) => {
    console.error("[bench] failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
