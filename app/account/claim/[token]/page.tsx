import type { Metadata } from "next";
import Link from "next/link";
import { claimOrdersAction } from "@/actions/account";
import { Price } from "@/components/price";
import { ServerVisitor } from "@/components/server-visitor";
import { SubmitButton } from "@/components/submit-button";
import { CLAIM_MESSAGES, previewOrderClaim } from "@/lib/accounts/order-claims";
import { formatOrderNumber } from "@/lib/checkout/order-number";
import { readFlash } from "@/lib/server/flash";
import { currentSession } from "@/lib/server/session-cookie";

// The link from "Find my guest orders". Opening it only shows what it would attach: attaching is
// a button (a POST with the Origin check), so a link opened by a mail scanner or planted on
// another site attaches nothing, and it must be opened while signed in to the account it was
// sent for.
export const metadata: Metadata = {
  title: "Your guest orders",
  referrer: "same-origin",
  robots: { index: false, follow: false },
};

export default async function ClaimPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const session = await currentSession();
  const signedIn = session?.type === "authenticated";
  const [preview, refused] = await Promise.all([
    signedIn ? previewOrderClaim(session, token) : null,
    readFlash("claim_refused"),
  ]);

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <ServerVisitor session={session} />
      <h1 className="text-3xl font-semibold tracking-tight">Your guest orders</h1>
      {refused && (
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-4 text-red-800">
          {refused.message}
        </p>
      )}
      {!preview ? (
        <div className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
          <p role="status">
            Log in to the account this link was sent to, then open the link again. Nothing was attached.
          </p>
          <Link href="/login" className="inline-block font-medium text-brand-700 underline">
            Log in
          </Link>
        </div>
      ) : preview.status !== "ready" ? (
        <div className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
          <p role="status">{CLAIM_MESSAGES[preview.status]}</p>
          <Link href="/account" className="inline-block font-medium text-brand-700 underline">
            Go to your account
          </Link>
        </div>
      ) : (
        <form action={claimOrdersAction} className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
          {preview.orders.length === 0 ? (
            <p>No guest orders placed with {preview.email} are waiting: every one already belongs to an account.</p>
          ) : (
            <>
              <p>
                {preview.orders.length === 1 ? "One order was" : `${preview.orders.length} orders were`} placed as a
                guest with <strong>{preview.email}</strong> and belong to no account. Attach them to yours?
              </p>
              <ul aria-label="Guest orders to attach" className="divide-y divide-stone-100">
                {preview.orders.map((o) => (
                  <li key={o.id} className="space-y-1 py-2 text-sm">
                    <div className="flex justify-between gap-4">
                      <span>
                        Order {formatOrderNumber(o.number)} of{" "}
                        <time dateTime={o.createdAt.toISOString()}>{o.createdAt.toUTCString().slice(0, 16)}</time>
                      </span>
                      <Price money={{ amount: o.totalAmount, currency: o.currency }} />
                    </div>
                    <p className="text-stone-600">{o.items.map((i) => `${i.name} × ${i.quantity}`).join(", ")}</p>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="text-sm text-stone-600">The link works once.</p>
          <input type="hidden" name="token" value={token} />
          <div className="flex flex-wrap items-center gap-4">
            <SubmitButton pendingText="Attaching…">Attach these orders</SubmitButton>
            <Link href="/account" className="text-sm text-stone-700 underline">
              Not now
            </Link>
          </div>
        </form>
      )}
    </div>
  );
}
