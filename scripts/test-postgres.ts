// `npm run test:postgres`: the whole unit, integration and end-to-end suite on PostgreSQL, then
// the cluster tests (two servers behind nginx, e2e-cluster/). It starts a throwaway server
// (scripts/postgres-server.ts), or uses TEST_DATABASE_URL (a server where it may create and drop
// databases), and runs the same commands as `npm test`, each on a fresh database.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { MissingProgram, startPostgres, type PostgresServer } from "./postgres-server";

const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const helper = path.join("tests", "helpers", "postgres-db.ts");

function npmRun(script: string, env: Record<string, string>): boolean {
  console.log(`\n[test:postgres] npm run ${script}`);
  return spawnSync("npm", ["run", script], { stdio: "inherit", env: { ...process.env, ...env } }).status === 0;
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
    const stop = () => { server?.stop(); process.exit(130); };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);

    const unit = npmRun("test:unit", { TEST_DATABASE_URL: url });
    const e2eDatabase = execFileSync(tsx, [helper, "create", url], { encoding: "utf8" });
    let e2e = false;
    try {
      e2e = npmRun("test:e2e", { E2E_DATABASE_URL: e2eDatabase });
    } finally {
      execFileSync(tsx, [helper, "drop", e2eDatabase], { stdio: "inherit" });
    }
    const clusterDatabase = execFileSync(tsx, [helper, "create", url], { encoding: "utf8" });
    let cluster = false;
    try {
      cluster = npmRun("test:cluster", { CLUSTER_DATABASE_URL: clusterDatabase });
    } finally {
      execFileSync(tsx, [helper, "drop", clusterDatabase], { stdio: "inherit" });
    }
    const verdict = (ok: boolean) => (ok ? "passed" : "FAILED");
    console.log(`\n[test:postgres] unit and integration: ${verdict(unit)}; end-to-end: ${verdict(e2e)}; cluster: ${verdict(cluster)}`);
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
