// Next's page cache in Redis, for several servers (REDIS_URL set; next.config.ts): the catalog and
// product pages each server renders are shared, and a `revalidatePath` on one server (after an
// order) removes the pages for all of them. @fortedigital/nextjs-cache-handler stores each page
// with its tags and deletes the entries of a revalidated tag. Without REDIS_URL, Next keeps its
// cache on disk, per server, as a single `npm start` wants.
import { CacheHandler } from "@fortedigital/nextjs-cache-handler";
import createRedisHandler from "@fortedigital/nextjs-cache-handler/redis-strings";
import { PHASE_PRODUCTION_BUILD } from "next/constants.js";
import { createClient } from "redis";
import { setting } from "./lib/settings.mjs";

CacheHandler.onCreation(async ({ buildId }) => {
  // `next build` renders with no shared cache: what it prerenders stays in the build.
  if (process.env.NEXT_PHASE === PHASE_PRODUCTION_BUILD) return { handlers: [] };
  const client = createClient({
    url: setting("REDIS_URL"),
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(retries * 200, 5_000) },
  });
  client.on("error", (error) => console.warn(`[passerby] cache (Redis): ${error.message}`));
  // Never hold a request for Redis: while it is down, reads miss (the page renders) and writes
  // are dropped.
  const connected = client.connect().catch(() => {});
  await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  return {
    // One build, one prefix: servers of the same build share entries, a new build starts empty.
    handlers: [createRedisHandler({ client, keyPrefix: `passerby:${buildId}:`, timeoutMs: 1_000 })],
  };
});

export default CacheHandler;
