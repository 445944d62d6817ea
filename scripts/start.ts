// `npm start`: prepare the database, build when the build is missing or stale, then serve.
import { exitOnConfigError, prepareDatabase } from "./prepare-db";
import { buildIfStale, forgetCatalogPages, portFrom, serve } from "./serve";

async function main() {
  const port = portFrom(process.env.PORT, 3000);
  await prepareDatabase();
  buildIfStale();
  forgetCatalogPages();
  console.log(`[passerby] Serving on http://localhost:${port}`);
  const server = serve(port);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch(exitOnConfigError);
