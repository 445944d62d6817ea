import type { Metadata } from "next";
import Link from "next/link";
import { CheckoutForm } from "@/components/checkout-form";
import { Price } from "@/components/price";
import { cartOf } from "@/lib/cart/cart";
import { checkoutScope } from "@/lib/checkout/checkout";
import { COUNTRIES } from "@/lib/checkout/countries";
import { formatMoney } from "@/lib/catalog/currency";
import { recordEvent } from "@/lib/journeys/events";
import { after } from "next/server";
import { listPaymentMethods } from "@/lib/accounts/payment-methods";
import { describeCard } from "@/lib/checkout/payments";
import { lastShipping } from "@/lib/checkout/orders";
import { currentSession, endedSession } from "@/lib/server/session-cookie";
import { SessionEnded } from "@/components/session-ended";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  const session = await currentSession();
  const cart = await cartOf(session);
  if (!session || cart.items.length === 0) {
    return (
      <div className="mx-auto max-w-lg space-y-4 text-center">
        <h1 className="text-3xl font-semibold tracking-tight">Checkout</h1>
        <SessionEnded ended={await endedSession()} />
        <p className="text-stone-600">Your cart is empty. Add something before checking out.</p>
        <Link href="/" className="inline-block rounded-full bg-brand-700 px-5 py-2.5 font-medium text-white">
          Browse the shop
        </Link>
      </div>
    );
  }
  if (!session.permissions.includes(checkoutScope(session))) {
    return (
      <div className="mx-auto max-w-lg space-y-4 text-center">
        <h1 className="text-3xl font-semibold tracking-tight">Checkout</h1>
        <p className="text-stone-600">Guest checkout is turned off in this shop. Create an account to buy.</p>
        <Link href="/signup" className="inline-block rounded-full bg-brand-700 px-5 py-2.5 font-medium text-white">
          Create an account
        </Link>
      </div>
    );
  }
  // Pages only read while rendering: the event is written after the response.
  after(() => recordEvent("checkout_started", session, { lines: cart.items.length }));
  const saved = await listPaymentMethods(session);
  const shipping = await lastShipping(session);
  const savedCards = saved.map((c) => ({
    id: c.id,
    label: `${describeCard(c)} (expires ${String(c.expMonth).padStart(2, "0")}/${c.expYear})`,
  }));

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-4">
        <h1 className="text-3xl font-semibold tracking-tight">Checkout</h1>
        {session.type === "anonymous" && (
          <p className="rounded-lg bg-brand-50 p-3 text-sm text-brand-900">
            You are checking out as a guest: no account needed. You can create one after your order to track it.{" "}
            <Link href="/login" className="font-medium underline">
              Log in
            </Link>{" "}
            instead.
          </p>
        )}
        <CheckoutForm
          defaultEmail={session.type === "authenticated" ? session.email : ""}
          shipping={shipping}
          countries={Object.entries(COUNTRIES).sort((a, b) => a[1].localeCompare(b[1]))}
          savedCards={savedCards}
          totalLabel={formatMoney(cart.subtotal)}
        />
      </div>
      {/* On a phone the summary comes first, above the form and its button. */}
      <aside
        aria-labelledby="summary"
        className="order-first h-fit space-y-3 rounded-xl border border-stone-200 bg-white p-5 lg:sticky lg:top-24 lg:order-none"
      >
        <div className="flex items-baseline justify-between gap-2">
          <h2 id="summary" className="text-lg font-semibold">
            Order summary
            <span className="lg:hidden">
              {" "}
              · <Price money={cart.subtotal} />
            </span>
          </h2>
          <Link href="/cart" className="text-sm font-medium text-brand-700 underline">
            Edit cart
          </Link>
        </div>
        {/* On a phone the lines fold away under the total (they open without JavaScript too). */}
        <details className="peer group lg:hidden">
          <summary className="cursor-pointer list-none text-sm font-medium text-brand-700 [&::-webkit-details-marker]:hidden">
            The {cart.count === 1 ? "item" : `${cart.count} items`}{" "}
            <span aria-hidden className="inline-block transition group-open:rotate-180">
              ▾
            </span>
          </summary>
        </details>
        <div className="hidden space-y-3 peer-open:block lg:block">
          <ul className="space-y-2 text-sm">
            {cart.items.map((i) => (
              <li key={i.productId} className="flex justify-between gap-2">
                <span>
                  {i.name} × {i.quantity}
                </span>
                <Price money={i.lineTotal} />
              </li>
            ))}
          </ul>
          <p className="flex justify-between border-t border-stone-200 pt-3 font-semibold">
            <span>Total</span>
            <Price money={cart.subtotal} />
          </p>
        </div>
        <p className="text-xs text-stone-500">
          Shipping is free in this demo. Prices are checked again when you place the order.
        </p>
      </aside>
    </div>
  );
}
