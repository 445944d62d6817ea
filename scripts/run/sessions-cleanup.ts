// `npm run sessions:cleanup`: the sweep (lib/sweep/sweep.ts), now. Servers run it by themselves every SWEEP_INTERVAL seconds.
import { disconnect } from "../../lib/db/client";
import { RETENTION_SECONDS, sweepGuestSessions } from "../../lib/sweep/sweep";
import { exitOnConfigError } from "./prepare-db";

const started = performance.now();
sweepGuestSessions()
  .then((r) => {
    console.log(
      `Marked ${r.expiredSessions} guest session(s) expired, deleted ${r.cartsDeleted} cart(s) of ended guest sessions ` +
        `and ${r.restoreLinksDeleted} expired, used or moved-on restore link(s), pruned ${r.rateLimitWindowsPruned} finished rate-limit window(s), ` +
        `deleted ${r.guestSessionsDeleted} guest session(s) past their retention with what hung off them` +
        (r.guestSessionsLeft > 0
          ? ` (${r.guestSessionsLeft} more are left for the next sweep: each one retires for ${RETENTION_SECONDS} s at most), `
          : ", ") +
        `folded ${r.talliesFolded} dashboard tally row(s), in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  })
  .catch(exitOnConfigError)
  .finally(() => disconnect());
