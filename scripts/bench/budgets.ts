// The budgets a run is held to. Route budgets are ratios to the liveness route (the ceiling of
// any route here), measured beside each: absolute numbers drift from machine to machine, ratios
// within one run do not.
import type { Micro, Row } from "./load";
import { CLUSTER_SIZE, MODE } from "./modes";

export type Budget = { figure: string; value: string; budget: string; pass: boolean };

const row = (rows: Row[], prefix: string) =>
  rows.find((r) => r.name === prefix) ?? rows.find((r) => r.name.startsWith(prefix))!;

/** The route named (or the first starting with `prefix`) as a ratio to the liveness route beside it. */
export const ofLive = (rows: Row[], prefix: string) =>
  row(rows, prefix).ratio ?? row(rows, prefix).rps / row(rows, prefix).ceiling!;

export function budgets(rows: Row[], micro: Micro[]): Budget[] {
  const rps = (prefix: string) => row(rows, prefix).rps;
  const live = (prefix: string) => ofLive(rows, prefix);
  const ratios = [
    { figure: "GET /api/session (guest) ÷ liveness", value: live("GET /api/session"), min: 0.9 },
    { figure: "POST /api/session (guest creation) ÷ liveness", value: live("POST /api/session"), min: 0.45 },
    { figure: "POST /api/cart/items (add 1) ÷ liveness", value: live("POST /api/cart/items"), min: 0.5 },
    { figure: "PATCH /api/cart/items/[id] ÷ liveness", value: live("PATCH"), min: 0.55 },
    { figure: "POST /api/checkout (demo card) ÷ liveness", value: live("POST /api/checkout"), min: 0.15 },
    // Catalog pages against the static page, each as measured beside the liveness route: their
    // own req/s come from different seconds, and this machine's speed drifts between them.
    { figure: "GET / ÷ static page", value: live("GET / (catalog)") / live("GET /about"), min: 0.7 },
    { figure: "GET /products/[slug] ÷ static page", value: live("GET /products/") / live("GET /about"), min: 0.7 },
    // On PostgreSQL every request that asks the database pays a round trip: these are against the
    // readiness route, which asks it too (each normalised by the liveness route beside it).
    ...(MODE === "sqlite"
      ? []
      : [
          {
            figure: "GET /api/session (guest) ÷ GET /api/health",
            value: live("GET /api/session") / live("GET /api/health"),
            min: 0.8,
          },
          {
            figure: "PATCH /api/cart/items/[id] ÷ GET /api/health",
            value: live("PATCH") / live("GET /api/health"),
            min: 0.4,
          },
        ]),
    ...(MODE === "cluster"
      ? [
          {
            figure: `GET /api/session: ${CLUSTER_SIZE} servers behind nginx ÷ one server`,
            value: rps("GET /api/session (guest), nginx") / rps("GET /api/session (guest), one server"),
            min: 1.0,
          },
        ]
      : []),
  ];
  const migration = micro.find((m) => m.name.startsWith("migration"))!;
  const signupRatio =
    micro.find((m) => m.name.includes("already registered"))!.medianMs /
    micro.find((m) => m.name.includes("new e-mail"))!.medianMs;
  return [
    ...ratios.map((b) => ({
      figure: b.figure,
      value: b.value.toFixed(2),
      budget: `≥ ${b.min.toFixed(2)}`,
      pass: b.value >= b.min,
    })),
    {
      figure: "migration of a 100-line cart (median)",
      value: `${migration.medianMs.toFixed(1)} ms`,
      budget: "< 30 ms",
      pass: migration.medianMs < 30,
    },
    {
      figure: "sign-up time, registered ÷ new e-mail",
      value: signupRatio.toFixed(2),
      budget: "0.75–1.33",
      pass: signupRatio >= 0.75 && signupRatio <= 1.33,
    },
  ];
}
