import { cartCount } from "./cart";
import type { Currency } from "./currency";
import { currencyOf } from "./preferences-model";
import type { Session } from "./session";

/** What the header shows about the visitor: small, personal, never cached. */
export type VisitorJson = { signedIn: boolean; currency: Currency; cartCount: number };

export async function visitorJson(session: Session | null): Promise<VisitorJson> {
  return {
    signedIn: session?.type === "authenticated",
    currency: currencyOf(session?.preferences ?? {}),
    cartCount: session ? await cartCount(session) : 0,
  };
}
