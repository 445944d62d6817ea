// `npm start`: prepare the database, build when the build is missing or stale, then serve.
import { config } from "../../lib/config";
import { exitOnConfigError, prepareDatabase } from "./prepare-db";
import { buildIfStale, forgetCatalogPages, serve } from "./serve";

async function main() {
  const { port } = config(); // every setting checked before anything starts
  await prepareDatabase();
  buildIfStale();
  forgetCatalogPages();
  console.log(`[passerby] Serving on http://localhost:${port}`);
  const server = serve(port);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch(exitOnConfigError);
