// The routes whose every request uses something up (a guest's cart at checkout, an e-mail at
// sign-up): the guests, carts and products they need are made first, then each is sent once.
import { must } from "../must";
import { guestCookie, load, median, type Micro, type Row, type Target } from "./load";

export type Db = (typeof import("../../lib/db/client"))["db"];

export const json = { "content-type": "application/json" };
const SIGNUPS = 40;
const CHECKOUTS = 1_500;
const SIGNUP_TIMING_RUNS = 15;

/** A guest's order paid with the demo card (also placed in-process by the micro-benchmarks). */
export const DEMO_ORDER = {
  email: "bench@bench.test",
  name: "Bench",
  address: { line1: "1 Bench St", city: "Bench", postalCode: "1", country: "US" },
  card: { number: "4242424242424242", expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: "123" },
};

/** 100 extra products, so that carts can have 20 and 100 distinct lines (added after the page
 *  measurements, so that the catalog measured is the one that ships). */
export async function addBenchProducts(db: Db): Promise<{ id: string }[]> {
  const home = await db.category.findFirstOrThrow({ where: { slug: "home" } });
  await db.product.createMany({
    data: Array.from({ length: 100 }, (_, i) => ({
      slug: `bench-${i}`,
      name: `Bench item ${i}`,
      description: "For the benchmark.",
      priceCents: 100 + i,
      stock: 1_000_000,
      image: "/images/soy-candle.svg",
      categoryId: home.id,
    })),
  });
  return db.product.findMany({ where: { slug: { startsWith: "bench-" } }, select: { id: true } });
}

/**
 * Guest checkouts with the demo card: each needs its own guest with a cart (a checkout empties
 * the cart and gives the guest a new session), so the guests are made first, in this process,
 * and each is sent once; a warm-up pool goes first.
 */
export async function checkouts(base: string, productId: string): Promise<Row> {
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
    return () => ({ headers: { ...json, cookie: must(cookies[next++ % cookies.length], "a prepared guest") } });
  };
  const order = JSON.stringify(DEMO_ORDER);
  const target = (amount: number, vary: Target["vary"]): Target => ({
    name: "POST /api/checkout (guest, demo card)",
    path: "/api/checkout",
    method: "POST",
    body: order,
    amount,
    vary,
  });
  await load(base, target(200, await pool(200)), 0);
  return load(base, target(CHECKOUTS, await pool(CHECKOUTS)), 0);
}

/** Sign-up with migration of a 20-line guest cart: each request needs its own guest and e-mail. */
export async function signups(base: string, productIds: string[], db: Db): Promise<Row> {
  const guests: string[] = [];
  for (let i = 0; i < SIGNUPS; i++) {
    const cookie = await guestCookie(base);
    const session = await fetch(`${base}/api/session`, { headers: { cookie } }).then((r) => r.json());
    const cart = await db.cart.create({ data: { guestSessionId: session.anonymousSession.sessionId } });
    await db.cartItem.createMany({
      data: productIds.map((productId) => ({ cartId: cart.id, productId, quantity: 1 })),
    });
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
        method: "POST",
        headers: { ...json, cookie: must(guests[i], `guest ${i}`) },
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
    name: "POST /api/auth/signup (20-line cart migrated)",
    rps: ok / seconds,
    p50: median(latencies),
    p99: must(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))], "a sign-up latency"),
    errors,
    requests: guests.length,
  };
}

/**
 * Sign-up answers a registered e-mail (409) after the same Argon2id work as a new one (201), so
 * the time it takes tells nothing. Interleaved, one at a time, without a guest cart to migrate.
 */
export async function signupTiming(base: string): Promise<Micro[]> {
  const registered: number[] = [];
  const fresh: number[] = [];
  const signUp = async (email: string, expected: number, into: number[]) => {
    const t = performance.now();
    const response = await fetch(`${base}/api/auth/signup`, {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email, password: "correct horse battery staple" }),
    });
    into.push(performance.now() - t);
    if (response.status !== expected)
      throw new Error(`sign-up of ${email} answered ${response.status}, not ${expected}`);
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
