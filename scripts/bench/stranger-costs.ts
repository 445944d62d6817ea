// `npm run security:costs`: what one stranger's address can make the shop spend. For each route
// anyone can call without an account, its worst request is sent to a production server (as
// `npm start` serves it, on a temporary SQLite database) one at a time, and the server's CPU
// time around each is read from /proc (every process of its group, worker threads included);
// beside it, how many such requests one address gets a minute at the default settings. Then the
// rows one address can keep in the database at those ceilings, from the settings. Prints both
// tables (docs/security.md keeps them) and writes bench-results/stranger-costs.json. Linux only.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, startServer, stopServer } from "../local/server";
import { cookieOf, median } from "./load";

const RUNS = Number(process.env.COSTS_RUNS ?? 20);
/** Time for what a request leaves to run after its answer (buffered events, after()). */
const SETTLE_MS = 250;
const TICK_MS = 1000 / 100; // USER_HZ: /proc reports CPU time in hundredths of a second

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-costs-"));
const raised = "1000000";
const serverEnv = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, "shop.db")}`,
  SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
  LOG_FILE: path.join(dir, "security.log"),
  NEXT_TELEMETRY_DISABLED: "1",
  // Raised so that RUNS requests of each kind get through: the limits in the table are the defaults.
  RATE_LIMIT_SESSIONS_PER_MIN: raised,
  RATE_LIMIT_SESSIONS_PER_HOUR: raised,
  RATE_LIMIT_CART_WRITES_PER_MIN: raised,
  RATE_LIMIT_CART_WRITES_PER_IP_PER_MIN: raised,
  RATE_LIMIT_SIGNUPS_PER_MIN: raised,
  RATE_LIMIT_LOGINS_PER_MIN: raised,
};

/** CPU milliseconds used so far by every process in the server's process group. */
function groupCpuMs(group: number): number {
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // state, ppid, pgrp, … utime (12th), stime (13th)
      if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * TICK_MS;
}

type Probe = {
  route: string;
  /** One address's allowance at the default settings. */
  limit: string;
  /** Prepares one request (a guest with a cart…), untimed. */
  request: (
    i: number,
  ) => Promise<{ path: string; method?: string; headers?: Record<string, string>; body?: string | FormData }>;
  /** The status the worst request gets. */
  expect: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const json = (body: unknown, cookie?: string) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
  body: JSON.stringify(body),
});

async function main() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`[costs] starting the production server on port ${port} with a temporary SQLite database`);
  const server = await startServer(port, serverEnv);
  const { parseConfig } = await import("../../lib/config");
  const { VIEWS_PER_HOUR, VIEWS_PER_MIN } = await import("../../lib/cart/visitor");
  const { LEADS_PER_MIN } = await import("../../lib/cart/leads");
  const c = parseConfig({ DATABASE_URL: serverEnv.DATABASE_URL, SESSION_SECRET: serverEnv.SESSION_SECRET });
  const r = c.rateLimits;

  const guest = async () => cookieOf(await fetch(`${base}/api/session`, { method: "POST" }));
  const guestWithCart = async () => {
    const cookie = await guest();
    await fetch(`${base}/api/cart/items`, json({ slug: "brass-pen", quantity: 1 }, cookie));
    return cookie;
  };
  const member = `costs-${Date.now()}@example.com`;
  const password = "velvet harbour lantern quietly";
  await fetch(`${base}/api/auth/signup`, json({ email: member, password }));
  // A long password built to be slow to judge: many short dictionary words and keyboard runs.
  const adversarial = (i: number) => `${i}qwerty1234password${"asdfzxcv!7".repeat(20)}`.slice(0, 200);
  const signupPage = await (await fetch(`${base}/signup`)).text();
  const hidden = [...signupPage.matchAll(/<input type="hidden" name="(\$ACTION_[^"]*)"(?: value="([^"]*)")?/g)].map(
    ([, name = "", value = ""]) => [name, value.replace(/&quot;/g, '"').replace(/&amp;/g, "&")] as const,
  );

  const probes: Probe[] = [
    { route: "GET / (catalog page, cached)", limit: "none", expect: 200, request: async () => ({ path: "/" }) },
    {
      route: "POST /api/session (a new guest)",
      limit: `${r.sessions}/min and ${r.sessionsPerHour}/h`,
      expect: 201,
      request: async () => ({ path: "/api/session", method: "POST" }),
    },
    {
      route: "GET /api/session (session check)",
      limit: "none (reads)",
      expect: 200,
      request: async () => ({ path: "/api/session", headers: { cookie: await guest() } }),
    },
    {
      route: "POST /api/cart/items",
      limit: `${r.cartWritesPerIp}/min (${r.cartWrites}/min per session)`,
      expect: 200,
      request: async () => ({ path: "/api/cart/items", ...json({ slug: "brass-pen", quantity: 1 }, await guest()) }),
    },
    {
      route: "POST /api/cart/items, a 60 KB body refused",
      limit: "none (refused before any write)",
      expect: 400,
      request: async () => ({
        path: "/api/cart/items",
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"slug":"${"x".repeat(60_000)}`,
      }),
    },
    {
      route: "POST /api/visitor (a product view)",
      limit: `${VIEWS_PER_MIN}/min and ${VIEWS_PER_HOUR}/h stored`,
      expect: 200,
      request: async () => ({ path: "/api/visitor", ...json({ path: "/products/brass-pen" }) }),
    },
    {
      route: "POST /api/cart/email (an e-mailed cart)",
      limit: `${LEADS_PER_MIN * 4}/min (${LEADS_PER_MIN}/min per session)`,
      expect: 202,
      request: async (i) => ({
        path: "/api/cart/email",
        ...json({ email: `lead${i}@example.com` }, await guestWithCart()),
      }),
    },
    {
      route: "POST /api/checkout (a guest order)",
      limit: "one per cart: cart writes' limits",
      expect: 201,
      request: async (i) => ({
        path: "/api/checkout",
        ...json(
          {
            email: `buyer${i}@example.com`,
            name: "Ada Lovelace",
            address: { line1: "1 Analytical Way", city: "London", postalCode: "N1 9GU", country: "GB" },
            card: { number: "4242 4242 4242 4242", expMonth: 12, expYear: 2031, cvc: "123" },
          },
          await guestWithCart(),
        ),
      }),
    },
    {
      route: "POST /api/auth/signup, 200-character password (Argon2id)",
      limit: `${r.signups}/min`,
      expect: 201,
      request: async (i) => ({
        path: "/api/auth/signup",
        ...json({ email: `signup${i}-${Date.now()}@example.com`, password: adversarial(i) }),
      }),
    },
    {
      route: "POST /api/auth/signup, a bad e-mail",
      limit: `${r.signups}/min`,
      expect: 422,
      request: async (i) => ({
        path: "/api/auth/signup",
        ...json({ email: "not-an-address", password: adversarial(i) }),
      }),
    },
    {
      route: "POST /api/auth/login, unknown e-mail (Argon2id all the same)",
      limit: `${r.logins}/min per e-mail, ${r.logins * 5}/min in all`,
      expect: 401,
      request: async (i) => ({
        path: "/api/auth/login",
        ...json({ email: `nobody${i}@example.com`, password: adversarial(i) }),
      }),
    },
    {
      route: "POST /api/auth/login, wrong password",
      limit: `${r.logins}/min per e-mail, ${r.logins * 5}/min in all`,
      expect: 401,
      request: async (i) => ({ path: "/api/auth/login", ...json({ email: member, password: adversarial(i) }) }),
    },
    {
      route: "POST /signup (the form), 100 hostile field names",
      limit: `${r.signups}/min once valid`,
      expect: 200,
      request: async () => {
        const form = new FormData();
        for (const [name, value] of hidden) form.append(name, value);
        for (let f = 0; f < 100 - hidden.length; f++) form.append(`__proto__.f${f}`, "1");
        return { path: "/signup", method: "POST", headers: { origin: base }, body: form };
      },
    },
  ];

  // What the server spends in the same windows with no request at all (timers, the page cache):
  // subtracted from every figure.
  const idle: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const before = groupCpuMs(server.pid!);
    await sleep(2 * SETTLE_MS);
    idle.push(groupCpuMs(server.pid!) - before);
  }
  const idleMs = idle.reduce((a, b) => a + b, 0) / RUNS;

  const rows: {
    route: string;
    limit: string;
    cpuMs: number;
    cpuMsPerMinute: number;
    wallMs: number;
    statuses: number[];
  }[] = [];
  for (const probe of probes) {
    const cpu: number[] = [];
    const wall: number[] = [];
    const statuses = new Set<number>();
    for (let i = 0; i < RUNS; i++) {
      const { path: url, ...init } = await probe.request(i);
      await sleep(SETTLE_MS);
      const before = groupCpuMs(server.pid!);
      const started = performance.now();
      const response = await fetch(`${base}${url}`, { ...init, redirect: "manual" });
      await response.arrayBuffer();
      wall.push(performance.now() - started);
      statuses.add(response.status);
      await sleep(SETTLE_MS);
      cpu.push(groupCpuMs(server.pid!) - before);
    }
    if (!statuses.has(probe.expect))
      throw new Error(`${probe.route} answered ${[...statuses].join(", ")}, not ${probe.expect}.`);
    const cpuMs = Math.max(0, cpu.reduce((a, b) => a + b, 0) / RUNS - idleMs);
    const perMinute = Number(/^(\d+)\/min/.exec(probe.limit)?.[1] ?? NaN);
    rows.push({
      route: probe.route,
      limit: probe.limit,
      cpuMs,
      cpuMsPerMinute: perMinute * cpuMs,
      wallMs: median(wall),
      statuses: [...statuses],
    });
  }
  stopServer(server);

  console.log(
    `\nWhat one address can make the server spend (mean server CPU per request over ${RUNS}, less ${idleMs.toFixed(1)} ms idle; ${os.cpus()[0]?.model ?? "?"}):\n`,
  );
  console.log(
    "| route (worst request) | one address gets | server CPU per request | CPU a minute at the limit | answer (median) |",
  );
  console.log("|---|---|--:|--:|--:|");
  for (const row of rows) {
    const minute = Number.isFinite(row.cpuMsPerMinute) ? `${(row.cpuMsPerMinute / 1000).toFixed(1)} s` : "—";
    console.log(
      `| ${row.route} | ${row.limit} | ${row.cpuMs.toFixed(1)} ms | ${minute} | ${row.wallMs.toFixed(0)} ms |`,
    );
  }

  // Rows one address keeps at the default ceilings, from the settings (steady state: written a day × days kept).
  const sessionsPerDay = Math.min(r.sessions * 1440, r.sessionsPerHour * 24);
  const viewsPerDay = Math.min(VIEWS_PER_MIN * 1440, VIEWS_PER_HOUR * 24) * 2; // a product view writes two events
  const idleDays = c.guestIdleTimeout / 86_400;
  const days = (d: number) => (d < 1 ? `${(d * 24).toFixed(0)} h` : `${d.toFixed(1)} days`);
  const kept = [
    {
      rows: "guest sessions that write nothing",
      perDay: sessionsPerDay,
      keptFor: days(idleDays + c.emptyGuestRetentionHours / 24),
      steady: sessionsPerDay * (idleDays + c.emptyGuestRetentionHours / 24),
    },
    {
      rows: "guest sessions with a cart write",
      perDay: sessionsPerDay,
      keptFor: days(idleDays + c.guestRetentionDays),
      steady: sessionsPerDay * (idleDays + c.guestRetentionDays),
    },
    {
      rows: "page and product view events",
      perDay: viewsPerDay,
      keptFor: days(c.viewRetentionDays),
      steady: viewsPerDay * c.viewRetentionDays,
    },
    {
      rows: "cart events (a journey's record)",
      perDay: r.cartWritesPerIp * 1440,
      keptFor: "not deleted",
      steady: Infinity,
    },
    // One per limit, window and subject (a log-in's is per e-mail tried), deleted by the sweep once ended.
    {
      rows: "rate-limit windows",
      perDay: NaN,
      keptFor: `until a sweep after their window (${c.sweepInterval / 60} min)`,
      steady: (r.logins * 5 + r.sessions + 10) * (c.sweepInterval / 60 + 1),
    },
  ];
  console.log("\nRows one address can keep in the database at the default ceilings:\n");
  console.log("| rows | written a day, at most | kept for | rows kept, steady state |");
  console.log("|---|--:|--:|--:|");
  const count = (n: number) =>
    Number.isNaN(n) ? "—" : Number.isFinite(n) ? Math.round(n).toLocaleString("en") : "grows";
  for (const k of kept) console.log(`| ${k.rows} | ${count(k.perDay)} | ${k.keptFor} | ${count(k.steady)} |`);

  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync(
    path.join("bench-results", "stranger-costs.json"),
    JSON.stringify({ at: new Date().toISOString(), cpu: os.cpus()[0]?.model, runs: RUNS, idleMs, rows, kept }, null, 2),
  );
  console.log("\n[costs] wrote bench-results/stranger-costs.json");
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
