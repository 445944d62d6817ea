// `npm run bench:scale [-- --keep FILE]`: a year of a busy small shop in a fresh SQLite file
// (scripts/bench/scale-data.ts), then what that year costs: the dashboard, the session check and a cart
// write against the same server on an empty database, one sweep over the year (retention
// included) with the longest cart write while it runs, the server's memory, the file's size.
// Budgets are printed as PASS/FAIL and written to bench-results/scale.json; it exits 1 when one
// fails. With --keep FILE the filled database is copied to FILE before anything touches it, for
// serving and measuring by hand (`DATABASE_URL=file:FILE npm start`).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { must } from "../must";
import { cookieOf, load, median, guestCookie, type Row, type Target } from "./load";
import { freePort, startServer, stopServer } from "../local/server";

const root = path.resolve(__dirname, "..", "..");
const keepAt = (() => {
  const i = process.argv.indexOf("--keep");
  if (i < 0) return null;
  const file = process.argv[i + 1];
  if (!file) throw new Error("--keep needs a file: npm run bench:scale -- --keep /tmp/year.db");
  return path.resolve(file);
})();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-scale-"));
const files = { full: path.join(dir, "full", "shop.db"), empty: path.join(dir, "empty", "shop.db") };
const ADMIN = { email: "admin@scale.example", password: "scale-admin-password" };
const SHOPPER_PASSWORD = "scale-shopper-password";
const raised = "1000000";
const env = {
  ...process.env,
  SESSION_SECRET: process.env.SESSION_SECRET || crypto.randomBytes(32).toString("base64url"),
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  RATE_LIMIT_SESSIONS_PER_MIN: raised,
  RATE_LIMIT_SESSIONS_PER_HOUR: raised,
  RATE_LIMIT_CART_WRITES_PER_MIN: raised,
  RATE_LIMIT_CART_WRITES_PER_IP_PER_MIN: raised,
  RATE_LIMIT_LOGINS_PER_MIN: raised,
  SWEEP_INTERVAL: "0", // the sweep is measured on its own, below
  LOG_FILE: path.join(dir, "security.log"),
  NEXT_TELEMETRY_DISABLED: "1",
};
const json = { "content-type": "application/json" };
const SLICES = 6;
const SLICE_SECONDS = 3;
const seconds = (since: number) => (performance.now() - since) / 1000;

/** Runs a script of this project with `env` and DATABASE_URL=file:`file`: its output. */
function run(script: string, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", path.join(root, "scripts", script)],
      {
        env: { ...env, DATABASE_URL: `file:${file}` },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} exited with code ${code}.`))));
  });
}

/** The resident memory of the largest process in the server's group (the Next server), in MB. */
function serverRss(groupId: number): number {
  let largest = 0;
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== groupId) continue; // field 5: the process group
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) largest = Math.max(largest, Number(rss[1]) / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return largest;
}

async function timed(url: string, cookie: string): Promise<{ ms: number; body: string }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 200)}`);
  return { ms: performance.now() - start, body };
}

async function logIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: json,
    body: JSON.stringify(ADMIN),
  });
  if (!response.ok) throw new Error(`The admin could not log in: ${response.status}.`);
  return cookieOf(response);
}

/** A guest with one line in its cart, and the line's product id. */
async function guestWithLine(base: string): Promise<{ cookie: string; productId: string }> {
  const cookie = await guestCookie(base);
  const response = await fetch(`${base}/api/cart/items`, {
    method: "POST",
    headers: { ...json, cookie },
    body: JSON.stringify({ slug: "morning-blend" }),
  });
  const cart = (await response.json()) as { items: { productId: string }[] };
  return { cookie, productId: must(cart.items[0], "a line in the new cart").productId };
}

/** The same request on the full and the empty database, in alternating slices: full ÷ empty. */
async function fullOverEmpty(bases: { full: string; empty: string }, target: (base: string) => Promise<Target>) {
  const targets = { full: await target(bases.full), empty: await target(bases.empty) };
  const rows: Record<"full" | "empty", Row[]> = { full: [], empty: [] };
  for (const side of ["full", "empty"] as const) await load(bases[side], targets[side], 3); // warm-up
  for (let i = 0; i < SLICES; i++) {
    // Each side goes first every other time, so that a drift in the machine's speed favours neither.
    for (const side of i % 2 ? (["empty", "full"] as const) : (["full", "empty"] as const)) {
      rows[side].push(await load(bases[side], targets[side], SLICE_SECONDS));
    }
  }
  const rps = (side: "full" | "empty") => rows[side].reduce((t, r) => t + r.rps, 0) / SLICES;
  const errors = [...rows.full, ...rows.empty].reduce((t, r) => t + r.errors, 0);
  return { full: rps("full"), empty: rps("empty"), ratio: rps("full") / rps("empty"), errors };
}

/**
 * One sweep over the year in its own process (`npm run sessions:cleanup`), with one cart write
 * after another meanwhile; and whether the dashboard's figures are the same after it (but for the
 * cart_update events those writes recorded).
 */
async function sweepUnderWrites(base: string, admin: string) {
  const shopper = await guestWithLine(base);
  const before = JSON.parse((await timed(`${base}/api/admin/analytics`, admin)).body);
  const sweep = run("run/sessions-cleanup.ts", files.full);
  let done = false;
  const started = performance.now();
  const finished = sweep.then((out) => ((done = true), { out: out.trim(), seconds: seconds(started) }));
  finished.catch(() => (done = true));
  const writes: number[] = [];
  for (let quantity = 1; !done; quantity = (quantity % 5) + 1) {
    const start = performance.now();
    const response = await fetch(`${base}/api/cart/items/${shopper.productId}`, {
      method: "PATCH",
      headers: { ...json, cookie: shopper.cookie },
      body: JSON.stringify({ quantity }),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`A cart write during the sweep answered ${response.status}.`);
    writes.push(performance.now() - start);
  }
  const result = await finished;
  const after = JSON.parse((await timed(`${base}/api/admin/analytics`, admin)).body);
  before.events.anonymous += writes.length;
  // Time moves on meanwhile: sessions of the fill's last day reach their expiry and count as
  // expired instead of active. Deleting rows moves nothing else.
  for (const figures of [before, after]) {
    figures.guestSessions = {
      activeOrExpired: figures.guestSessions.active + figures.guestSessions.expired,
      ...figures.guestSessions,
      active: 0,
      expired: 0,
    };
  }
  const unchanged = JSON.stringify(after) === JSON.stringify(before);
  if (!unchanged)
    console.log(
      `[scale] the dashboard's figures changed:\nbefore ${JSON.stringify(before)}\nafter  ${JSON.stringify(after)}`,
    );
  const count = (re: RegExp) => Number(re.exec(result.out)?.[1] ?? 0);
  const [deleted, left] = [count(/deleted (\d+) guest session/), count(/\((\d+) more are left/)];
  return {
    ...result,
    unchanged,
    deleted,
    left,
    writes: writes.length,
    longestWriteMs: Math.max(...writes),
    medianWriteMs: median(writes),
  };
}

const sizeOf = (file: string) =>
  [file, `${file}-wal`].reduce((total, f) => total + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function main() {
  for (const file of Object.values(files)) fs.mkdirSync(path.dirname(file), { recursive: true });
  console.log("[scale] migrating and seeding two databases (one stays empty)");
  await run("run/prepare-db.ts", files.empty);
  await run("run/prepare-db.ts", files.full);
  process.env.DATABASE_URL = `file:${files.full}`;
  process.env.SESSION_SECRET = env.SESSION_SECRET;
  const { fillShop } = await import("./scale-data");
  const { hashPassword } = await import("../../lib/accounts/passwords");
  console.log(
    "[scale] filling a year: 1,000,000 guest sessions, 100,000 accounts, 5,000,000 events, 200,000 orders, 50,000 leads",
  );
  const fillStart = performance.now();
  const rows = fillShop(files.full, new Date(), await hashPassword(SHOPPER_PASSWORD));
  const fillSeconds = seconds(fillStart);
  console.log(
    `[scale] filled in ${fillSeconds.toFixed(0)} s: ${Object.entries(rows)
      .map(([t, n]) => `${t} ${n.toLocaleString("en")}`)
      .join(", ")}`,
  );
  const sizeBefore = sizeOf(files.full);
  if (keepAt) {
    fs.copyFileSync(files.full, keepAt);
    console.log(`[scale] kept a copy at ${keepAt}`);
  }

  const ports = { full: await freePort(), empty: 0 };
  console.log(
    `[scale] starting the production server on the year (port ${ports.full}), then one on the empty database`,
  );
  const full = await startServer(ports.full, { ...env, DATABASE_URL: `file:${files.full}` });
  ports.empty = await freePort();
  const empty = await startServer(ports.empty, { ...env, DATABASE_URL: `file:${files.empty}` });
  const bases = { full: `http://127.0.0.1:${ports.full}`, empty: `http://127.0.0.1:${ports.empty}` };
  try {
    const admin = await logIn(bases.full);
    // The dashboard: a warm-up, then five of each, with the server's memory sampled meanwhile.
    let rss = 0;
    const sampler = setInterval(() => (rss = Math.max(rss, serverRss(full.pid!))), 20);
    await timed(`${bases.full}/api/admin/analytics`, admin);
    const analyticsRuns = [];
    for (let i = 0; i < 5; i++) analyticsRuns.push(await timed(`${bases.full}/api/admin/analytics`, admin));
    await timed(`${bases.full}/admin`, admin);
    const adminMs = [];
    for (let i = 0; i < 5; i++) adminMs.push((await timed(`${bases.full}/admin`, admin)).ms);
    clearInterval(sampler);
    rss = Math.max(rss, serverRss(full.pid!));
    // The empty database's server gets the same requests, so the two differ by their data only.
    const emptyAdmin = await logIn(bases.empty);
    for (let i = 0; i < 6; i++) await timed(`${bases.empty}/api/admin/analytics`, emptyAdmin);
    for (let i = 0; i < 6; i++) await timed(`${bases.empty}/admin`, emptyAdmin);
    console.log("[scale] measuring the session check and a cart write, full and empty, in alternating slices");
    const session = await fullOverEmpty(bases, async (base) => ({
      name: "GET /api/session",
      path: "/api/session",
      headers: { cookie: await guestCookie(base) },
    }));
    const write = await fullOverEmpty(bases, async (base) => {
      const { cookie, productId } = await guestWithLine(base);
      let quantity = 0;
      return {
        name: "PATCH /api/cart/items/[id]",
        path: `/api/cart/items/${productId}`,
        method: "PATCH",
        vary: () => ({ headers: { ...json, cookie }, body: JSON.stringify({ quantity: (quantity++ % 5) + 1 }) }),
      };
    });
    console.log("[scale] sweeping the year while a shopper writes to its cart");
    const sweep = await sweepUnderWrites(bases.full, admin);
    console.log(`[scale] ${sweep.out}`);

    const analyticsMs = median(analyticsRuns.map((r) => r.ms));
    const figures = [
      {
        figure: "GET /api/admin/analytics (median of 5)",
        value: `${analyticsMs.toFixed(0)} ms`,
        budget: "< 300 ms",
        pass: analyticsMs < 300,
      },
      {
        figure: "/admin page (median of 5)",
        value: `${median(adminMs).toFixed(0)} ms`,
        budget: "< 500 ms",
        pass: median(adminMs) < 500,
      },
      {
        figure: "GET /api/session (guest), full ÷ empty",
        value: `${session.ratio.toFixed(2)} (${session.full.toFixed(0)} ÷ ${session.empty.toFixed(0)} req/s)`,
        budget: "≥ 0.90",
        pass: session.ratio >= 0.9 && session.errors === 0,
      },
      {
        figure: "cart PATCH, full ÷ empty",
        value: `${write.ratio.toFixed(2)} (${write.full.toFixed(0)} ÷ ${write.empty.toFixed(0)} req/s)`,
        budget: "≥ 0.90",
        pass: write.ratio >= 0.9 && write.errors === 0,
      },
      {
        figure: "one sweep over the year",
        value: `${sweep.seconds.toFixed(1)} s`,
        budget: "< 120 s",
        pass: sweep.seconds < 120,
      },
      {
        figure: "guest sessions past retention: deleted, left for the next sweeps",
        value: `${sweep.deleted.toLocaleString("en")}, ${sweep.left.toLocaleString("en")}`,
        budget: "printed",
        pass: true,
      },
      {
        figure: "longest cart write during the sweep",
        value: `${sweep.longestWriteMs.toFixed(0)} ms (of ${sweep.writes}, median ${sweep.medianWriteMs.toFixed(1)} ms)`,
        budget: "< 250 ms",
        pass: sweep.longestWriteMs < 250,
      },
      {
        figure: "server memory (RSS) serving the analytics",
        value: `${rss.toFixed(0)} MB`,
        budget: "< 400 MB",
        pass: rss < 400,
      },
      {
        figure: "dashboard figures after the sweep",
        value: sweep.unchanged ? "unchanged" : "CHANGED",
        budget: "unchanged",
        pass: sweep.unchanged,
      },
      {
        figure: "database size (before → after the sweep)",
        value: `${mb(sizeBefore)} MB → ${mb(sizeOf(files.full))} MB`,
        budget: "printed",
        pass: true,
      },
    ];
    console.log(
      `\nA year of traffic (${rows.GuestSession.toLocaleString("en")} guest sessions, ${rows.Event.toLocaleString("en")} events; filled in ${fillSeconds.toFixed(0)} s)\n`,
    );
    console.table(
      figures.map((f) => ({ figure: f.figure, value: f.value, budget: f.budget, result: f.pass ? "PASS" : "FAIL" })),
    );
    fs.mkdirSync(path.join(root, "bench-results"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "bench-results", "scale.json"),
      `${JSON.stringify({ date: new Date().toISOString(), rows, fillSeconds, figures, sweep: sweep.out }, null, 2)}\n`,
    );
    process.exitCode = figures.every((f) => f.pass) ? 0 : 1;
  } finally {
    stopServer(full);
    stopServer(empty);
    await new Promise((r) => setTimeout(r, 1_000));
    fs.rmSync(dir, { recursive: true, force: true });
    if (keepAt) console.log(`[scale] the year, as filled, is at ${keepAt}: DATABASE_URL=file:${keepAt} npm start`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
