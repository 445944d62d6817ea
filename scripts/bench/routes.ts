// Throughput route by route. This machine's speed drifts from second to second, so each route is
// measured in slices that alternate with slices of the liveness route (each side first every
// other time), and its budget is the median of the pairs' ratios.
import type { Cluster } from "../local/cluster";
import { must } from "../must";
import { guestCookie, load, median, type Micro, type Row, type Target } from "./load";
import { addBenchProducts, checkouts, json, signups, signupTiming, type Db } from "./prepared";

const WARMUP_SECONDS = 2;
export const MEASURE_SECONDS = Number(process.env.BENCH_SECONDS ?? 9);
const CEILING_SECONDS = 3;
/**
 * A route's measurement is cut into this many slices, alternating with the liveness route's.
 * Measured here with the liveness route (sent a cookie) against itself, in one server: six
 * medians of nine pairs of 1-second slices ranged 0.91–1.07, of eighteen half-second ones 0.96–1.00.
 */
const SLICES = 18;
const ADD_GUESTS = 300;

export type Measured = {
  rows: Row[];
  /** Sign-up's timing, registered against new e-mail: reported with the micro-benchmarks. */
  timing: Micro[];
  /** The 100 products added for carts of 20 and 100 lines. */
  benchProducts: { id: string }[];
};

/** The routes a guest hits, over HTTP against `base`, each beside the liveness route. */
async function routeTargets(base: string, db: Db): Promise<Target[]> {
  const guest = await guestCookie(base);
  const product = await db.product.findUniqueOrThrow({ where: { slug: "morning-blend" } });
  for (const slug of ["morning-blend", "brass-pen", "soy-candle"]) {
    await fetch(`${base}/api/cart/items`, {
      method: "POST",
      headers: { ...json, cookie: guest },
      body: JSON.stringify({ slug }),
    });
  }
  // Cart adds rotate over guests and products (request k: guest k mod G, product k div G), so
  // that no line reaches its cap or its product's stock while the bench runs.
  const adders = await Promise.all(Array.from({ length: ADD_GUESTS }, () => guestCookie(base)));
  const addable = await db.product.findMany({ where: { stock: { gte: 20 } }, select: { id: true } });
  let adds = 0;
  const nextAdd = () => {
    const k = adds++;
    const cookie = must(adders[k % adders.length], "a guest to add");
    const productId = must(addable[Math.floor(k / adders.length) % addable.length], "a product in stock").id;
    return { headers: { ...json, cookie }, body: JSON.stringify({ productId, quantity: 1 }) };
  };
  return [
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
      name: "PATCH /api/cart/items/[id] (guest)",
      path: `/api/cart/items/${product.id}`,
      method: "PATCH",
      headers: { ...json, cookie: guest },
      body: JSON.stringify({ quantity: 2 }),
    },
  ];
}

/** Slices of one route as one row: their mean req/s, summed errors and requests, median p50, worst p99. */
function merged(name: string, slices: Row[]): Row {
  const sum = (f: (r: Row) => number) => slices.reduce((total, r) => total + f(r), 0);
  return {
    name,
    rps: sum((r) => r.rps) / slices.length,
    p50: median(slices.map((r) => r.p50)),
    p99: Math.max(...slices.map((r) => r.p99)),
    errors: sum((r) => r.errors),
    requests: sum((r) => r.requests),
  };
}

export async function measureRoutes(base: string, db: Db, cluster: Cluster | null): Promise<Measured> {
  const rows: Row[] = [];
  const targets = await routeTargets(base, db);
  const liveness = must(targets[0], "the liveness route");
  const alternating = async (target: Target): Promise<Row> => {
    const routeSlices: Row[] = [];
    const live: number[] = [];
    for (let i = 0; i < SLICES; i++) {
      const measureLive = async () => live.push((await load(base, liveness, MEASURE_SECONDS / SLICES)).rps);
      if (i % 2 === 0) await measureLive();
      routeSlices.push(await load(base, target, MEASURE_SECONDS / SLICES));
      if (i % 2 === 1) await measureLive();
    }
    return {
      ...merged(target.name, routeSlices),
      ceiling: live.reduce((a, b) => a + b, 0) / SLICES,
      // The median pair: one slice that the machine stalled in moves the budget by nothing.
      ratio: median(routeSlices.map((r, i) => r.rps / must(live[i], `liveness slice ${i}`))),
    };
  };
  // Checkouts use up prepared guests, so they run once, between two liveness measurements.
  const ceilingAround = async (measure: () => Promise<Row>): Promise<Row> => {
    const before = await load(base, liveness, CEILING_SECONDS);
    const row = await measure();
    const after = await load(base, liveness, CEILING_SECONDS);
    return { ...row, ceiling: (before.rps + after.rps) / 2 };
  };
  const print = (row: Row) =>
    console.log(
      `[bench] ${row.name}: ${row.rps.toFixed(0)} req/s${row.ceiling ? ` (liveness beside it: ${row.ceiling.toFixed(0)})` : ""}`,
    );

  for (const target of targets) {
    await load(base, target, WARMUP_SECONDS);
    const row = target === liveness ? await load(base, target, MEASURE_SECONDS) : await alternating(target);
    rows.push(row);
    print(row);
  }
  const benchProducts = await addBenchProducts(db);
  rows.push(await ceilingAround(() => checkouts(base, must(benchProducts[0], "a bench product").id)));
  print(rows.at(-1)!);
  rows.push(
    await signups(
      base,
      benchProducts.slice(0, 20).map((p) => p.id),
      db,
    ),
  );
  const timing = await signupTiming(base);
  if (cluster) {
    const sessionCheck = targets.find((t) => t.name.startsWith("GET /api/session"))!;
    // The same session check straight to one server, in slices alternating with nginx's.
    const one = `http://127.0.0.1:${must(cluster.servers[0], "a cluster server").port}`;
    const viaNginx: Row[] = [];
    const alone: Row[] = [];
    for (let i = 0; i < SLICES; i++) {
      viaNginx.push(await load(base, sessionCheck, MEASURE_SECONDS / SLICES));
      alone.push(await load(one, sessionCheck, MEASURE_SECONDS / SLICES));
    }
    rows.push(
      merged("GET /api/session (guest), nginx and all servers", viaNginx),
      merged("GET /api/session (guest), one server alone", alone),
    );
  }
  return { rows, timing, benchProducts };
}
