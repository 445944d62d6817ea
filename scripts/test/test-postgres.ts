// `npm run test:postgres`: the whole unit, integration and end-to-end suite on PostgreSQL, then
// the cluster tests (two servers behind nginx, e2e-cluster/). It starts a throwaway server
// (scripts/local/postgres-server.ts), or uses TEST_DATABASE_URL (a server where it may create and drop
// databases), and runs the same commands as `npm test`, each on a fresh database.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { MissingProgram, startPostgres, type PostgresServer } from "../local/postgres-server";

const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const helper = path.join("tests", "helpers", "postgres-db.ts");

function npmRun(script: string, env: Record<string, string>): boolean {
  console.log(`\n[test:postgres] npm run ${script}`);
  return spawnSync("npm", ["run", script], { stdio: "inherit", env: { ...process.env, ...env } }).status === 0;
}

/** Runs an npm script with `variable` naming a fresh, migrated database on the server, dropped after. */
function onFreshDatabase(serverUrl: string, script: string, variable: string): boolean {
  const database = execFileSync(tsx, [helper, "create", serverUrl], { encoding: "utf8" });
  try {
    return npmRun(script, { [variable]: database });
  } finally {
    execFileSync(tsx, [helper, "drop", database], { stdio: "inherit" });
  }
}

async function main() {
  let server: PostgresServer | null = null;
  const given = process.env.TEST_DATABASE_URL?.trim();
  try {
    if (!given) {
      server = await startPostgres();
      console.log(`[test:postgres] Started a throwaway PostgreSQL at ${server.url}`);
    }
    const url = given || server!.url;
    const stop = () => {
      server?.stop();
      process.exit(130);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);

    const unit = npmRun("test:unit", { TEST_DATABASE_URL: url });
    const e2e = onFreshDatabase(url, "test:e2e", "E2E_DATABASE_URL");
    const cluster = onFreshDatabase(url, "test:cluster", "CLUSTER_DATABASE_URL");
    const verdict = (ok: boolean) => (ok ? "passed" : "FAILED");
    console.log(
      `\n[test:postgres] unit and integration: ${verdict(unit)}; end-to-end: ${verdict(e2e)}; cluster: ${verdict(cluster)}`,
    );
    process.exitCode = unit && e2e && cluster ? 0 : 1;
  } catch (error) {
    if (!(error instanceof MissingProgram)) throw error;
    console.error(`[test:postgres] ${error.message}`);
    process.exitCode = 1;
  } finally {
    server?.stop();
  }
}

void main();
