import type { Metadata } from "next";
import { CurrencyChoice } from "@/components/currency-choice";
import { ServerVisitor } from "@/components/server-visitor";
import { currentSession } from "@/lib/server/session-cookie";
import { refererPath } from "@/lib/server/request";
import { currencyOf } from "@/lib/session/preferences-model";

export const metadata: Metadata = { title: "Currency" };

/**
 * The currency, rendered by the server: what the header links to when the browser runs no
 * JavaScript (the header's own switcher is filled in by script, so it could not say which
 * currency is chosen). After the choice the shopper goes back to the page they came from.
 */
export default async function CurrencyPage() {
  const session = await currentSession();
  const current = currencyOf(session);
  const from = await refererPath();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <ServerVisitor session={session} />
      <h1 className="text-3xl font-semibold tracking-tight">Currency</h1>
      <p className="text-stone-700">
        Prices show in <strong>{current}</strong>. Prices are set in US dollars and converted at the shop&apos;s fixed
        rates.
      </p>
      <CurrencyChoice current={current} returnTo={from && from !== "/currency" ? from : "/"} />
    </div>
  );
}
