// Building and serving the production server, for `npm start` (scripts/run/start.ts) and
// `npm run cluster` (scripts/local/cluster.ts). Nothing here reads the shop's settings or database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const stampFile = path.join(root, ".next", "passerby-build-stamp");

// Everything `next build` reads. A change to any of these makes the build stale.
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "next.config.ts",
  "cache-handler.mjs",
  "instrumentation.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];

function walk(entry: string, out: string[]) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) {
      if (entry === "lib" && name === "generated") continue; // derived from the schema
      walk(path.join(entry, name), out);
    }
  } else {
    out.push(entry);
  }
}

function sourceStamp(): string {
  const files: string[] = [];
  BUILD_INPUTS.forEach((entry) => walk(entry, files));
  const hash = crypto.createHash("sha256");
  for (const file of files)
    hash
      .update(file)
      .update("\0")
      .update(fs.readFileSync(path.join(root, file)));
  return hash.digest("hex");
}

/** Builds with `env` (the build reads the catalog from its DATABASE_URL) unless the build is current. */
export function buildIfStale(env: NodeJS.ProcessEnv = process.env) {
  const stamp = sourceStamp();
  const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, "utf8") : null;
  if (built === stamp && fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("[passerby] The build is current.");
    return;
  }
  console.log(built ? "[passerby] Sources changed: rebuilding." : "[passerby] No build yet: building.");
  let result = spawnSync(bin("next"), ["build"], { stdio: "inherit", env });
  if (result.status !== 0 && fs.existsSync(path.join(root, ".next", "cache"))) {
    // A stale Turbopack cache can make an otherwise good build fail: retry once without it.
    console.log("[passerby] The build failed; retrying once from a clean .next folder.");
    fs.rmSync(path.join(root, ".next"), { recursive: true, force: true });
    result = spawnSync(bin("next"), ["build"], { stdio: "inherit", env });
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stampFile, stamp);
}

/**
 * Catalog pages are cached on disk: the build prerenders every real catalog entry (`/`, each
 * product and category, per currency) and the rest of the cache fills as pages are served
 * (lib/server/catalog-pages.ts). They show the stock of the database they were rendered from, which
 * need not be this one, so every start begins without them; Next renders each again on its first
 * request and caches it from then on.
 */
export function forgetCatalogPages() {
  const server = path.join(root, ".next", "server");
  const app = path.join(server, "app");
  fs.rmSync(path.join(server, "route-cache"), { recursive: true, force: true });
  const rendered = /\.(html|rsc|meta|segments)$/;
  const forget = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (rendered.test(entry.name)) fs.rmSync(full, { recursive: true, force: true });
      else if (entry.isDirectory() && !entry.name.startsWith("[")) forget(full); // [slug]/ holds the code
    }
  };
  for (const file of ["index.html", "index.rsc", "index.meta", "index.segments"]) {
    fs.rmSync(path.join(app, file), { recursive: true, force: true });
  }
  forget(path.join(app, "products"));
  forget(path.join(app, "browse"));
}

/**
 * `next start` on the current build. scripts/run/http-guard.cjs gives route handlers the real client
 * address and answers methods Next cannot take; scripts/run/graceful-stop.cjs drains requests and
 * writes buffered events on SIGTERM (see the files).
 */
export function serve(
  port: number,
  env: NodeJS.ProcessEnv = process.env,
  stdio: "inherit" | "ignore" = "inherit",
): ChildProcess {
  const preload = ["http-guard.cjs", "graceful-stop.cjs"].map(
    (file) => `--require ${path.join(root, "scripts", "run", file)}`,
  );
  return spawn(bin("next"), ["start", "-p", String(port)], {
    stdio: ["ignore", stdio, "inherit"],
    env: { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, ...preload].filter(Boolean).join(" ") },
  });
}
