// Work to finish before the process exits: scripts/run/graceful-stop.cjs runs these hooks on SIGTERM
// once the server has stopped taking requests and has answered those it had.

const HOOKS = Symbol.for("passerby.shutdownHooks");
type Hook = () => Promise<void>;

export function onShutdown(hook: Hook): void {
  const registry = globalThis as unknown as Record<symbol, Hook[] | undefined>;
  const hooks = (registry[HOOKS] ??= []);
  if (!hooks.includes(hook)) hooks.push(hook);
}
