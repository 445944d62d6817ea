// `npm run bench`: throughput of the production server route by route, in one run, plus
// micro-benchmarks of the session and migration code, checked against budgets that are ratios
// (absolute numbers drift from machine to machine; ratios within one run do not).
//
// It builds if needed and starts the server exactly as `npm start` does, on a free port, with a
// temporary database and the rate limits raised out of the way; it prints a table, writes the
// same to bench-results/<mode>.json, stops the server and exits 1 when a budget fails.
// The parts: modes.ts (SQLite, PostgreSQL or a cluster, and what each starts), routes.ts and
// prepared.ts (the HTTP measurements), micro.ts (in-process timings), budgets.ts, report.ts.
import fs from "node:fs";
import { dir, startMode } from "./modes"; // first: it sets the settings every lib/ import reads
import { microBenchmarks } from "./micro";
import { report } from "./report";
import { measureRoutes, type Measured } from "./routes";

async function main() {
  const started = await startMode();
  const { db, disconnect } = await import("../../lib/db/client");
  let measured: Measured;
  try {
    measured = await measureRoutes(started.base, db, started.cluster);
  } finally {
    await started.stopServers();
  }
  const micro = await microBenchmarks(db, measured.benchProducts);
  await disconnect();
  started.stopDatabase();
  report(measured.rows, [...measured.timing, ...micro]);
}

main()
  .catch((error) => {
    console.error("[bench] failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
