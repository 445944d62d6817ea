// Runs once when a Next.js server starts (not while it builds): on SQLite a worker thread takes
// the log's checkpoints off the requests (lib/db/sqlite.ts), and the server sweeps guest sessions
// by itself every SWEEP_INTERVAL seconds (lib/sweep/sweep.ts), one server at a time.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ config }, { engineOf }] = await Promise.all([import("./lib/config"), import("./lib/database-url")]);
  if (engineOf(config().databaseUrl) === "sqlite") (await import("./lib/db/sqlite")).startCheckpointer();
  const { startSweeping } = await import("./lib/sweep/sweep");
  startSweeping();
}
