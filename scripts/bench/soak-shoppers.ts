// The soak's traffic (scripts/bench/soak.ts): virtual shoppers, each in a loop of weighted journeys
// over HTTP, and what they heard: every request's latency by minute, and what the shop
// acknowledged (orders, sign-ups, migrations), for the soak to find in the database afterwards.
// It imports nothing from lib/.
import { must } from "../must";

const json = { "content-type": "application/json" };
const PASSWORD = "correct horse battery staple";
/** Longer than any answer should take: a request still open then counts as a connection error. */
const TIMEOUT_MS = 30_000;
/** A shopper waits 0.5–1.5 times this between two requests. */
const THINK_MS = 80;

/** The fields of the shop's JSON answers the soak reads (PRODUCT.md). */
type Answer = {
  error?: { code: string };
  order?: { id: string };
  user?: { id: string };
  migration?: { fromSessionId: string | null } | null;
};

export type Minute = {
  requests: number;
  status5xx: number;
  connectionErrors: number;
  status4xx: number;
  latencies: number[];
};
export type Product = { id: string; slug: string; stock: number };

export class Traffic {
  readonly minutes: Minute[];
  /** "409 out_of_stock on POST /api/checkout" → how many: expected answers, counted apart. */
  readonly answers4xx = new Map<string, number>();
  /** The first few 5xx answers and connection errors, to say what went wrong. */
  readonly failures: string[] = [];
  readonly orders: string[] = [];
  readonly signups: string[] = [];
  readonly migrations: { guestSessionId: string; userId: string; kind: "signup" | "login" }[] = [];
  private readonly accounts: { email: string }[] = [];
  /** Guest cookies put aside, for guests who come back after the sweep may have expired them. */
  private readonly idle: { cookie: string; at: number }[] = [];
  private readonly started = performance.now();
  private signupCount = 0;

  constructor(
    readonly base: string,
    readonly products: Product[],
    minutes: number,
    readonly runId: string,
  ) {
    this.minutes = Array.from({ length: minutes }, () => ({
      requests: 0,
      status5xx: 0,
      connectionErrors: 0,
      status4xx: 0,
      latencies: [],
    }));
  }

  /** One request with the shopper's cookie jar: records it, keeps the cookie the shop sets, returns the status and JSON body. */
  async send(jar: Jar, method: string, path: string, body?: unknown): Promise<{ status: number; body: Answer | null }> {
    const t0 = performance.now();
    const minute = must(
      this.minutes[Math.min(this.minutes.length - 1, Math.floor((t0 - this.started) / 60_000))],
      "a minute of the run",
    );
    minute.requests++;
    const headers: Record<string, string> = jar.cookie ? { cookie: jar.cookie } : {};
    // Writes come from the shop's own pages: same origin.
    if (method !== "GET") Object.assign(headers, json, { origin: this.base });
    try {
      const response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await response.text();
      minute.latencies.push(performance.now() - t0);
      const set = response.headers.getSetCookie().find((c) => c.startsWith("passerby_session="));
      if (set) jar.cookie = /max-age=0|passerby_session=;/i.test(set) ? "" : set.replace(/;.*/, ""); // name=value, without the attributes
      const parsed: Answer | null = response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null;
      const route = `${method} ${path.replace(/^\/products\/[^/?]+/, "/products/[slug]").replace(/items\/[^/?]+/, "items/[productId]")}`;
      if (response.status >= 500) {
        minute.status5xx++;
        if (this.failures.length < 20) this.failures.push(`${response.status} on ${route}: ${text.slice(0, 200)}`);
      } else if (response.status >= 400) {
        minute.status4xx++;
        const key = `${response.status} ${parsed?.error?.code ?? ""} on ${route}`;
        this.answers4xx.set(key, (this.answers4xx.get(key) ?? 0) + 1);
      }
      return { status: response.status, body: parsed };
    } catch (error) {
      minute.connectionErrors++;
      if (this.failures.length < 20)
        this.failures.push(`connection error on ${method} ${path}: ${(error as Error).message}`);
      return { status: 0, body: null };
    } finally {
      // The shopper reads the answer before the next click: the server stays busy, not swamped.
      await new Promise((r) => setTimeout(r, THINK_MS / 2 + Math.random() * THINK_MS));
    }
  }

  /** A shopper: journeys, one after another, until `until` (performance.now()). */
  async shopper(until: number) {
    const journeys: [number, () => Promise<void>][] = [
      [30, () => this.browse()],
      [22, () => this.fillCart()],
      [20, () => this.checkOut()],
      [8, () => this.signUp()],
      [12, () => this.logIn()],
      [8, () => this.comeBack()],
    ];
    const total = journeys.reduce((t, [w]) => t + w, 0);
    while (performance.now() < until) {
      let pick = Math.random() * total;
      const journey = journeys.find(([w]) => (pick -= w) < 0)![1];
      await journey();
    }
  }

  private product = (inStock = true) =>
    must(pick(inStock ? this.products.filter((p) => p.stock > 0) : this.products), "a product to pick");

  /** A visitor who only looks: pages and the catalog API, no session (browsing alone creates none). */
  private async browse() {
    const jar: Jar = { cookie: "", lines: [] };
    await this.send(jar, "GET", "/");
    for (let i = 0; i < 2; i++) await this.send(jar, "GET", `/products/${this.product(false).slug}`);
    await this.send(jar, "GET", "/api/products");
  }

  /** A guest who starts a session and fills a cart: 1 to 3 lines, one changed, maybe one removed. */
  private async guestWithCart(): Promise<Jar> {
    const jar: Jar = { cookie: "", lines: [] };
    await this.send(jar, "POST", "/api/session");
    await this.send(jar, "GET", "/api/session");
    const lines = 1 + Math.floor(Math.random() * 3);
    for (let i = 0; i < lines; i++) {
      await this.send(jar, "GET", `/products/${this.product().slug}`);
      // One add in twenty asks for the product that is sold out: 409 out_of_stock is an answer too.
      const product = Math.random() < 0.05 ? this.product(false) : this.product();
      const added = await this.send(jar, "POST", "/api/cart/items", {
        productId: product.id,
        quantity: 1 + Math.floor(Math.random() * 2),
      });
      if (added.status === 200) jar.lines.push(product.id);
    }
    return jar;
  }

  private async fillCart() {
    const jar = await this.guestWithCart();
    const line = pick(jar.lines);
    if (line) {
      await this.send(jar, "PATCH", `/api/cart/items/${line}`, { quantity: 1 });
      if (Math.random() < 0.3) await this.send(jar, "DELETE", `/api/cart/items/${line}`);
    }
    await this.send(jar, "GET", "/cart");
    await this.send(jar, "GET", "/api/session");
    if (this.idle.length < 500) this.idle.push({ cookie: jar.cookie, at: performance.now() });
  }

  private async checkOut() {
    const jar = await this.guestWithCart();
    await this.send(jar, "GET", "/checkout");
    const placed = await this.send(jar, "POST", "/api/checkout", {
      email: `buyer-${this.runId}@soak.test`,
      name: "Soak Shopper",
      address: { line1: "1 Soak Street", city: "Soakton", postalCode: "12345", country: "US" },
      card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: new Date().getFullYear() + 2, cvc: "123" },
    });
    if (placed.status === 201) this.orders.push(placed.body!.order!.id);
    await this.send(jar, "GET", "/api/orders"); // the new session, rotated at checkout, still sees its order
  }

  /** A guest with a cart signs up: the cart migrates into the new account. */
  private async signUp() {
    const jar = await this.guestWithCart();
    const email = `shopper-${this.runId}-${++this.signupCount}@soak.test`;
    const answer = await this.send(jar, "POST", "/api/auth/signup", { email, password: PASSWORD });
    if (answer.status === 201) {
      this.signups.push(email);
      this.accounts.push({ email });
      this.noteMigration(answer.body, "signup");
    }
    await this.send(jar, "GET", "/api/session");
  }

  /** A guest with a cart logs in to an account made earlier in the soak: another migration. */
  private async logIn() {
    const account = pick(this.accounts);
    if (!account) return this.signUp();
    const jar = await this.guestWithCart();
    const cartChoice = must(pick(["combine", "combine", "keep_account", "use_guest"]), "a cart choice");
    const answer = await this.send(jar, "POST", "/api/auth/login", {
      email: account.email,
      password: PASSWORD,
      cartChoice,
    });
    if (answer.status === 200) this.noteMigration(answer.body, "login");
    await this.send(jar, "GET", "/api/orders");
    await this.send(jar, "POST", "/api/auth/logout");
  }

  /** A guest back after a while: the sweep may have expired the session (401, then a new one on the first add). */
  private async comeBack() {
    const oldest = this.idle.shift();
    if (!oldest) return this.fillCart();
    const jar: Jar = { cookie: oldest.cookie, lines: [] };
    await this.send(jar, "GET", "/api/session");
    await this.send(jar, "POST", "/api/cart/items", { productId: this.product().id, quantity: 1 });
    await this.send(jar, "GET", "/api/session");
  }

  private noteMigration(body: Answer | null, kind: "signup" | "login") {
    if (body?.migration?.fromSessionId)
      this.migrations.push({ guestSessionId: body.migration.fromSessionId, userId: body.user!.id, kind });
  }
}

/** A shopper's cookie, and the products put in its cart. */
export type Jar = { cookie: string; lines: string[] };

/** One of `items` at random; undefined for none. */
function pick<T>(items: T[]): T | undefined {
  return items[Math.floor(Math.random() * items.length)];
}

/** The p-th percentile (0–100) of `values`, nearest rank; 0 for no values. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
