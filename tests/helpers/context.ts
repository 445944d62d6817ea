// A request context for domain calls in tests, as lib/server/context.ts builds one for a real
// request: a session (or none), an address, and a cookie jar that keeps what the domain set, so
// a test can read the cookie a browser would get back and resolve it.
import type { Ctx, SessionCookie } from "../../lib/session/context";
import type { Session } from "../../lib/session/types";

export type TestContext = Ctx & {
  /** The last session cookie set (undefined: none was set), and whether the cookie was cleared. */
  jar: { cookie?: SessionCookie; cleared: boolean; preferences?: SessionCookie["preferences"] };
  /** How many times the catalog pages were told their stock changed. */
  catalogChanges: number;
};

export function testContext(
  session: Session | null = null,
  options: { ip?: string; origin?: string; userAgent?: string } = {},
): TestContext {
  const ip = options.ip ?? "203.0.113.7";
  const ctx: TestContext = {
    session,
    endedSession: null,
    ip,
    network: ip,
    userAgent:
      options.userAgent ??
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    now: new Date(),
    origin: () => options.origin ?? "http://localhost:3000",
    jar: { cleared: false },
    catalogChanges: 0,
    cookies: {
      set: async (cookie) => {
        ctx.jar.cookie = cookie;
        ctx.jar.cleared = false;
      },
      setPreferences: async ({ preferences }) => {
        ctx.jar.preferences = preferences;
      },
      clear: async () => {
        ctx.jar.cookie = undefined;
        ctx.jar.cleared = true;
      },
    },
    catalogChanged: () => {
      ctx.catalogChanges++;
    },
  };
  return ctx;
}
