import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OrderItems } from "@/components/order-items";
import { Fragment } from "react";
import { addressLines } from "@/lib/checkout/countries";
import { DomainError } from "@/lib/errors";
import { findOrder } from "@/lib/checkout/orders";
import { describeCard } from "@/lib/checkout/payments";
import { currentSession } from "@/lib/server/session-cookie";
import { config } from "@/lib/config";
import { LocalTime } from "@/components/local-time";
import { guestLimits } from "@/lib/session/lifetime";
import { ServerVisitor } from "@/components/server-visitor";

export const metadata: Metadata = { title: "Your order" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await currentSession();
  const order = await findOrder(session, (await params).id).catch((error: unknown) => {
    if (error instanceof DomainError) notFound(); // not yours or not there: the same 404
    throw error;
  });
  const s = order.shipping;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <ServerVisitor session={session} />
      <header className="space-y-1">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Order confirmed</p>
        <h1 className="text-3xl font-semibold tracking-tight">Thank you, {s.name}!</h1>
        <p className="text-stone-600">
          A confirmation goes to <strong>{order.email}</strong>. Order number{" "}
          <strong className="font-mono">{order.number}</strong>.
        </p>
      </header>

      {session?.type === "anonymous" && (
        <section aria-labelledby="track" className="space-y-2 rounded-xl border border-brand-100 bg-brand-50 p-5">
          <h2 id="track" className="text-lg font-semibold">
            Create an account to track this order
          </h2>
          <p className="text-sm text-stone-700">
            Your guest session ends after {guestLimits().idle}, and at the latest at{" "}
            <LocalTime at={session.expiresAt.toISOString()} />, and with it your way back to this page. The link in the
            confirmation e-mail still shows this order in any browser for {config().orderLinkDays} days; an account
            keeps it for good, with anything left in your cart.
          </p>
          <Link
            href="/signup"
            className="inline-block rounded-full bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-900"
          >
            Create an account
          </Link>
        </section>
      )}

      <OrderItems items={order.items} total={order.total} />

      <section className="grid gap-4 sm:grid-cols-2">
        <div className="rounded-xl border border-stone-200 bg-white p-5 text-sm">
          <h2 className="mb-2 font-semibold">Shipping to</h2>
          <p>
            {[s.name, ...addressLines(s)].map((line, i) => (
              <Fragment key={i}>
                {i > 0 && <br />}
                {line}
              </Fragment>
            ))}
          </p>
        </div>
        <div className="rounded-xl border border-stone-200 bg-white p-5 text-sm">
          <h2 className="mb-2 font-semibold">Paid with</h2>
          <p>{describeCard(order.payment)}</p>
        </div>
      </section>
    </div>
  );
}
