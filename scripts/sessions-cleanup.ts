// `npm run sessions:cleanup`: sweep expired guest sessions (see lib/session/sweep.ts). Run it from cron.
import { disconnect } from "../lib/db/client";
import { sweepGuestSessions } from "../lib/session/sweep";
import { exitOnConfigError } from "./prepare-db";

sweepGuestSessions()
  .then((r) => {
    console.log(
      `Marked ${r.expiredSessions} guest session(s) expired, deleted ${r.cartsDeleted} cart(s) of ended guest sessions ` +
        `and ${r.restoreLinksDeleted} expired or used restore link(s), pruned ${r.rateLimitWindowsPruned} finished rate-limit window(s).`,
    );
  })
  .catch(exitOnConfigError)
  .finally(() => disconnect());
