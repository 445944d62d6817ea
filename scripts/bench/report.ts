// What a run prints, and the same written to bench-results/<mode>.json; a failed budget makes the
// process exit 1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { budgets, ofLive } from "./budgets";
import { CONNECTIONS, table, type Micro, type Row } from "./load";
import { MICRO_RUNS } from "./micro";
import { MODE, MODE_NAME } from "./modes";
import { MEASURE_SECONDS } from "./routes";

const root = path.resolve(__dirname, "..", "..");

export function report(rows: Row[], micro: Micro[]) {
  const allBudgets = budgets(rows, micro);
  console.log(
    `\nThroughput: ${MODE_NAME} (${CONNECTIONS} connections, ${MEASURE_SECONDS} s each; only 2xx answers count)\n`,
  );
  console.log(
    table(
      ["route", "req/s", "p50 ms", "p99 ms", "errors"],
      rows.map((r) => [r.name, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), String(r.errors)]),
    ),
  );
  console.log(`\nMicro-benchmarks (median of ${MICRO_RUNS} runs)\n`);
  console.log(
    table(
      ["measure", "median ms"],
      micro.map((m) => [m.name, m.medianMs.toFixed(3)]),
    ),
  );
  console.log("\nBudgets\n");
  console.log(
    table(
      ["figure", "value", "budget", "result"],
      allBudgets.map((b) => [b.figure, b.value, b.budget, b.pass ? "PASS" : "FAIL"]),
    ),
  );
  console.log(
    `\nThis run's own noise: liveness ÷ itself (A/A, measured as every route is) = ${ofLive(rows, "GET /api/health/live (A/A").toFixed(2)}`,
  );

  const out = path.join(root, "bench-results");
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, MODE === "sqlite" ? "latest.json" : `${MODE}.json`);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version };
  fs.writeFileSync(
    file,
    JSON.stringify(
      { at: new Date().toISOString(), mode: MODE_NAME, machine, throughput: rows, micro, budgets: allBudgets },
      null,
      2,
    ),
  );
  console.log(`\n[bench] written to ${path.relative(root, file)}`);
  if (allBudgets.some((b) => !b.pass)) process.exitCode = 1;
}
