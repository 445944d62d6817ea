import type { Metadata } from "next";
import Link from "next/link";
import { CartLines } from "@/components/cart-lines";
import { SavedLines } from "@/components/saved-lines";
import { readSaved } from "@/lib/cart/saved";
import { currencyOf } from "@/lib/session/preferences-model";
import { Price } from "@/components/price";
import { cartOf } from "@/lib/cart/cart";
import { welcomeMessage } from "@/lib/cart/migration";
import { currentSession, endedSession } from "@/lib/server/session-cookie";
import { SessionEnded } from "@/components/session-ended";
import { Countdown } from "@/components/countdown";
import { LocalTime } from "@/components/local-time";
import { guestLimits } from "@/lib/session/lifetime";
import { EmailCartForm } from "@/components/email-cart-form";
import { ServerVisitor } from "@/components/server-visitor";
import { emailedCartDays, RESTORE_MESSAGES } from "@/lib/cart/leads";
import { requestTime } from "@/lib/server/request";
import { readFlash } from "@/lib/server/flash";

export const metadata: Metadata = { title: "Your cart" };

type Search = { welcome?: string };

/** What the restore link (/cart/restore/[token]) did, from the flash its button left (never from the address). */
async function restoreMessage(): Promise<string | null> {
  const flash = await readFlash("cart_restore");
  if (!flash) return null;
  if (flash.status !== "restored") return RESTORE_MESSAGES[flash.status];
  const { added, unavailable: missing } = flash;
  const text =
    added > 0
      ? `Your e-mailed cart is here: ${added} ${added === 1 ? "item was" : "items were"} added to this browser's cart.`
      : "Nothing from the e-mailed cart could be added.";
  return missing > 0 ? `${text} ${missing} ${missing === 1 ? "product is" : "products are"} no longer in stock.` : text;
}

export default async function CartPage({ searchParams }: { searchParams: Promise<Search> }) {
  const session = await currentSession();
  const ended = await endedSession();
  const [cart, saved] = await Promise.all([
    cartOf(session),
    session?.type === "authenticated" ? readSaved(session.userId, currencyOf(session)) : Promise.resolve([]),
  ]);
  const search = await searchParams;
  const message = search.welcome ? await welcomeMessage(session) : await restoreMessage();

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <ServerVisitor session={session} />
      <h1 className="text-3xl font-semibold tracking-tight">Your cart</h1>
      <SessionEnded ended={ended} />
      {message && (
        <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-brand-900">
          {message}
        </p>
      )}
      <CartLines
        lines={cart.items}
        empty={
          <div className="rounded-xl border border-stone-200 bg-white p-8 text-center">
            <p className="text-stone-600">Your cart is empty.</p>
            <Link
              href="/"
              className="mt-4 inline-block rounded-full bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-900"
            >
              Browse the shop
            </Link>
          </div>
        }
      />
      {cart.items.length > 0 && (
        <>
          <div className="flex items-center justify-between rounded-xl border border-stone-200 bg-white p-5">
            <span className="text-lg">Subtotal</span>
            <Price money={cart.subtotal} className="text-xl font-semibold" />
          </div>
          <div className="flex justify-end">
            <Link
              href="/checkout"
              className="rounded-full bg-brand-700 px-6 py-3 font-medium text-white hover:bg-brand-900"
            >
              Proceed to checkout
            </Link>
          </div>
        </>
      )}
      {session?.type === "authenticated" && <SavedLines lines={saved} hideWhenEmpty />}
      {session?.type === "anonymous" && cart.items.length > 0 && <EmailCartForm keptFor={emailedCartDays()} />}
      {session?.type === "anonymous" && (
        <p className="text-sm text-stone-600">
          This cart belongs to a guest session that ends after {guestLimits().idle} (if nothing happens, in{" "}
          <Countdown
            until={session.idleExpiresAt.toISOString()}
            serverNow={requestTime()}
            offerEmail={cart.items.length > 0}
            testId="idle-countdown"
          />
          ), and at the latest at <LocalTime at={session.expiresAt.toISOString()} />.{" "}
          <Link href="/session" className="font-medium text-brand-700 underline">
            See what your session holds
          </Link>
          .
        </p>
      )}
    </div>
  );
}
