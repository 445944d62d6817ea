import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { OrderItems } from "@/components/order-items";
import { openOrderLink, ORDER_LINK_MESSAGES } from "@/lib/checkout/order-links";
import { describeCard } from "@/lib/checkout/payments";

// The link in an order confirmation (lib/checkout/order-links.ts): one order, read-only, in any
// browser. It reads no session and starts none: holding the link shows the order, nothing more.
export const metadata: Metadata = {
  title: "Your order",
  // The token is in this page's address: never hand it to another site as a Referer.
  referrer: "same-origin",
  robots: { index: false, follow: false },
};

export default async function OrderLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const result = await openOrderLink((await params).token);
  if (result.status !== "valid") {
    return (
      <div className="mx-auto max-w-xl space-y-4 py-8">
        <h1 className="text-3xl font-semibold tracking-tight">
          {result.status === "expired" ? "This order link has expired" : "This order link doesn’t work"}
        </h1>
        <p>{result.status === "expired" ? ORDER_LINK_MESSAGES.expired(result.claimed) : ORDER_LINK_MESSAGES.invalid}</p>
        <p className="flex flex-wrap gap-4">
          <Link href="/login" className="font-medium text-brand-700 underline">
            Log in
          </Link>
          <Link href="/" className="font-medium text-brand-700 underline">
            Back to the shop
          </Link>
        </p>
      </div>
    );
  }
  const { order } = result;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header className="space-y-1">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Order {order.status}</p>
        <h1 className="text-3xl font-semibold tracking-tight">Your order</h1>
        <p className="text-stone-600">
          Placed <LocalTime at={order.createdAt} /> · confirmation sent to {order.email}. Order{" "}
          <strong className="font-mono">{order.number}</strong>.
        </p>
      </header>

      <OrderItems items={order.items} total={order.total} />

      <section className="grid gap-4 sm:grid-cols-2">
        <div className="rounded-xl border border-stone-200 bg-white p-5 text-sm">
          <h2 className="mb-2 font-semibold">Shipping to</h2>
          <p>
            {order.shipping.name}, {order.shipping.city}, {order.shipping.country}
          </p>
          <p className="mt-1 text-stone-600">The street and postal code are not shown on a link.</p>
        </div>
        <div className="rounded-xl border border-stone-200 bg-white p-5 text-sm">
          <h2 className="mb-2 font-semibold">Paid with</h2>
          <p>{describeCard(order.payment)}</p>
        </div>
      </section>

      <p className="text-sm text-stone-600">
        Anyone with this link sees this order, read-only, until <LocalTime at={order.linkExpiresAt} />. It logs no one
        in. To see your orders with their full address, log in, or open the order in the browser you bought it in.
      </p>
    </div>
  );
}
