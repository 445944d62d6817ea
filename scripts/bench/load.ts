// Load and timing helpers for the benchmarks (scripts/bench/bench.ts, scripts/bench/bench-scale.ts):
// they drive a running server over HTTP and import nothing from lib/.
import autocannon from "autocannon";
import { must } from "../must";

export const CONNECTIONS = 10;

export type Row = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  /** The liveness route's req/s measured just before and just after this route (their mean). */
  ceiling?: number;
  /** This route's req/s ÷ the liveness route's, the median of the pairs of slices measured in turn. */
  ratio?: number;
};
export type Micro = { name: string; medianMs: number; runs: number };

export type Target = {
  name: string;
  path: string;
  method?: "GET" | "POST" | "PATCH";
  headers?: Record<string, string>;
  body?: string;
  /** Changes each request (another guest, another product), where one request can't repeat. */
  vary?: () => { headers?: Record<string, string>; body?: string };
  /** Sends this many requests and stops (each needs something used up), instead of a duration. */
  amount?: number;
};

export async function load(base: string, target: Target, seconds: number): Promise<Row> {
  const request: autocannon.Request = {
    method: target.method ?? "GET",
    path: target.path,
    headers: target.headers,
    body: target.body,
  };
  const vary = target.vary;
  const result = await autocannon({
    url: base,
    requests: [vary ? { ...request, setupRequest: (req: autocannon.Request) => ({ ...req, ...vary() }) } : request],
    connections: CONNECTIONS,
    ...(target.amount ? { amount: target.amount } : { duration: seconds }),
  });
  const ok = result["2xx"];
  return {
    name: target.name,
    rps: ok / (result.duration || seconds), // only 2xx answers count as throughput
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

export const cookieOf = (response: Response) => {
  const value = response.headers.getSetCookie().find((c) => c.startsWith("passerby_session="));
  if (!value) throw new Error("No session cookie was set.");
  return value.replace(/;.*/, ""); // name=value, without the attributes
};

export async function guestCookie(base: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, { method: "POST" });
  if (response.status !== 201) throw new Error(`POST /api/session answered ${response.status}.`);
  return cookieOf(response);
}

export async function timeEach<T>(
  runs: number,
  prepare: (i: number) => Promise<T>,
  measure: (input: T) => Promise<unknown>,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const input = await prepare(i);
    const start = performance.now();
    await measure(input);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The median; NaN for no values. */
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? NaN;
  return sorted.length % 2 ? upper : ((sorted[mid - 1] ?? NaN) + upper) / 2;
};

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function table(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => must(r[i], `a cell under "${h}"`).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  return [
    line(head),
    `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`,
    ...body.map(line),
  ].join("\n");
}
