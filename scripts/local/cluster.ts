// `npm run cluster`: the shop as it runs beyond one machine, on this one. PostgreSQL (DATABASE_URL
// when it is a postgresql:// URL, else a throwaway server), Redis for Next's shared page cache
// (REDIS_URL, else a throwaway redis-server), CLUSTER_SIZE app servers (2) on one build, and
// nginx in front on PORT (3000). Ctrl-C stops everything. It installs nothing: a missing program
// is named with the Debian package that has it. The cluster tests (e2e-cluster/) drive it too.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createClient } from "redis";
import { ConfigError, setting } from "../../lib/settings.mjs";
import { must } from "../must";
import { createDatabase, MissingProgram, startPostgres, type PostgresServer } from "./postgres-server";
import { buildIfStale, serve } from "../run/serve";
import { freePort } from "./server";

/** A program on PATH or in the usual sbin folders, or an error naming its package. */
function program(name: string, pkg: string): string {
  for (const dir of [...(process.env.PATH ?? "").split(":"), "/usr/sbin", "/usr/local/sbin", "/sbin"]) {
    const full = path.join(dir, name);
    if (dir && fs.existsSync(full)) return full;
  }
  throw new MissingProgram(`${name} is not installed: install it with \`apt-get install ${pkg}\`.`);
}

async function untilAnswers(url: string, child: ChildProcess, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}.`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s.`);
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once("exit", () => r()));

export type AppServer = { port: number; process: ChildProcess };

export type Cluster = {
  url: string;
  databaseUrl: string;
  servers: AppServer[];
  /** Stops server i (SIGTERM: it drains its requests and writes its events) and waits for it to exit. */
  stopServer(i: number): Promise<void>;
  /** Starts server i again on its port and waits until it answers. */
  startServer(i: number): Promise<void>;
  stop(): Promise<void>;
};

function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  return `# Written by scripts/local/cluster.ts for this run.
${process.getuid?.() === 0 ? "user root;\n" : ""}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream passerby {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join("\n")}
  }
  server {
    listen ${port};
    client_max_body_size 1m;
    location / {
      proxy_pass http://passerby;
      # A request that could not reach a server (it is restarting) goes to the next one. Only
      # connection errors: a request a server has started on is never sent twice.
      proxy_next_upstream error;
      proxy_connect_timeout 2s;
      # The servers trust these (TRUST_PROXY=true): set, never passed on from the client.
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`;
}

export async function startCluster(options: {
  port: number;
  size: number;
  databaseUrl?: string;
  redisUrl?: string;
  env?: Record<string, string>;
  quiet?: boolean;
}): Promise<Cluster> {
  const nginx = program("nginx", "nginx");
  const redisServer = options.redisUrl ? null : program("redis-server", "redis-server");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerby-cluster-"));
  const children: ChildProcess[] = [];
  let postgres: PostgresServer | null = null;
  const stopAll = async () => {
    for (const child of children.reverse()) child.kill("SIGTERM");
    await Promise.all(children.map(exited));
    postgres?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    let databaseUrl = options.databaseUrl;
    if (!databaseUrl) {
      postgres = await startPostgres();
      databaseUrl = await createDatabase(postgres.url, "passerby");
    }
    let redisUrl = options.redisUrl;
    if (!redisUrl) {
      const port = await freePort();
      children.push(
        spawn(redisServer!, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
          stdio: "ignore",
        }),
      );
      redisUrl = `redis://127.0.0.1:${port}`;
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      // Every server must unseal every other's cookies: one secret for all.
      SESSION_SECRET: process.env.SESSION_SECRET || crypto.randomBytes(32).toString("base64url"),
      TRUST_PROXY: "true",
      ...options.env,
    };
    // The database is migrated and seeded once (servers started with `npm start` would take turns
    // on a lock), and one build serves every server.
    execFileSync(
      path.join("node_modules", ".bin", "tsx"),
      ["--conditions=react-server", path.join("scripts", "run", "prepare-db.ts")],
      { env, stdio: "inherit" },
    );
    buildIfStale(env);
    await forgetSharedPages(redisUrl);

    const ports = await Promise.all(Array.from({ length: options.size }, () => freePort()));
    const servers: AppServer[] = ports.map((port) => ({
      port,
      process: serve(port, env, options.quiet ? "ignore" : "inherit"),
    }));
    children.push(...servers.map((s) => s.process));
    await Promise.all(
      servers.map((s, i) => untilAnswers(`http://127.0.0.1:${s.port}/api/health`, s.process, `App server ${i + 1}`)),
    );

    fs.writeFileSync(path.join(dir, "nginx.conf"), nginxConfig(dir, options.port, ports));
    const proxy = spawn(nginx, ["-p", dir, "-c", path.join(dir, "nginx.conf")], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(proxy);
    await untilAnswers(`http://127.0.0.1:${options.port}/api/health/live`, proxy, "nginx");

    return {
      url: `http://localhost:${options.port}`,
      databaseUrl,
      servers,
      async stopServer(i) {
        const app = must(servers[i], `app server ${i + 1}`);
        app.process.kill("SIGTERM");
        await exited(app.process);
      },
      async startServer(i) {
        const app = must(servers[i], `app server ${i + 1}`);
        const child = serve(app.port, env, options.quiet ? "ignore" : "inherit");
        children[children.indexOf(app.process)] = child;
        app.process = child;
        await untilAnswers(`http://127.0.0.1:${app.port}/api/health`, child, `App server ${i + 1}`);
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * Pages cached in a Redis that outlived its servers were rendered from some database, maybe
 * another: the cluster starts without them (as scripts/run/start.ts forgets the disk cache).
 */
async function forgetSharedPages(redisUrl: string) {
  const client = createClient({ url: redisUrl });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: "passerby:*", COUNT: 500 }))
      keys.push(...([] as string[]).concat(batch));
    if (keys.length > 0) await client.unlink(keys);
  } finally {
    await client.quit();
  }
}

async function main() {
  const size = Number(process.env.CLUSTER_SIZE ?? 2);
  if (!Number.isInteger(size) || size < 1 || size > 16) {
    console.error(`[passerby] CLUSTER_SIZE must be a whole number from 1 to 16, got "${process.env.CLUSTER_SIZE}".`);
    process.exit(1);
  }
  const port = setting("PORT");
  const given = process.env.DATABASE_URL?.trim();
  const cluster = await startCluster({
    port,
    size,
    databaseUrl: given && /^postgres(ql)?:\/\//.test(given) ? given : undefined,
    redisUrl: setting("REDIS_URL") ?? undefined,
  });
  console.log(
    `[passerby] The cluster is serving on ${cluster.url}: nginx in front of ${size} app server(s) ` +
      `(ports ${cluster.servers.map((s) => s.port).join(", ")}), one PostgreSQL, one Redis. Ctrl-C stops everything.`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log("[passerby] Stopping the cluster…");
    void cluster.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1]?.endsWith("cluster.ts")) {
  main().catch((error) => {
    console.error(
      `[passerby] ${error instanceof MissingProgram || error instanceof ConfigError ? error.message : error}`,
    );
    process.exit(1);
  });
}
