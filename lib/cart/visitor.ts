import { z } from "zod";
import { cartCount } from "./cart";
import type { Currency } from "../catalog/currency";
import { recordEvent } from "../journeys/events";
import { currencyOf } from "../session/preferences-model";
import { hitAll } from "../limits/rate-limit";
import type { Session } from "../session/types";

/** What the header shows about the visitor: small, personal, never cached. */
export type VisitorJson = { signedIn: boolean; currency: Currency; cartCount: number };

export async function visitorJson(session: Session | null): Promise<VisitorJson> {
  return {
    signedIn: session?.type === "authenticated",
    currency: currencyOf(session),
    cartCount: session ? await cartCount(session) : 0,
  };
}

export const viewInput = z.strictObject({ path: z.string().startsWith("/").max(300) });

/** Page views per client IP, a minute and an hour, beyond which views are no longer counted. */
export const VIEWS_PER_MIN = 300;
export const VIEWS_PER_HOUR = 2_000;

/**
 * Counts a page view (and a product view on a product page). Pages are cached, so the browser
 * reports them along with its request for the header. Views never start a session, and past
 * the per-IP limit they are simply not counted: analytics never gets in a visitor's way.
 */
export async function recordView(session: Session | null, path: string, ip: string): Promise<void> {
  try {
    await hitAll([
      { limit: "views", subject: ip, max: VIEWS_PER_MIN },
      { limit: "hour.views", subject: ip, max: VIEWS_PER_HOUR },
    ]);
  } catch {
    return;
  }
  const [pathname = path] = path.split("?");
  await recordEvent("page_view", session, { path: pathname });
  const product = /^\/products\/([a-z0-9-]{1,80})$/.exec(pathname);
  if (product) await recordEvent("product_view", session, { slug: product[1] });
}
