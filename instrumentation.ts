// Runs once when a Next.js server starts (not while it builds): the server sweeps guest sessions
// by itself every SWEEP_INTERVAL seconds (lib/session/sweep.ts), one server at a time.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startSweeping } = await import("./lib/session/sweep");
  startSweeping();
}
