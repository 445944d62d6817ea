import type { Metadata } from "next";
import Link from "next/link";
import { restoreCartAction } from "@/actions/cart";
import { ServerVisitor } from "@/components/server-visitor";
import { SubmitButton } from "@/components/submit-button";
import { emailedCartDays, previewRestore, RESTORE_MESSAGES } from "@/lib/cart/leads";
import { currentSession } from "@/lib/server/session-cookie";

// The link from "e-mail me my cart". Opening it only shows what it would add: the adding is a
// button (a POST with the Origin check), so a link planted on another site cannot fill anyone's
// cart, and opening the link starts no session and uses nothing up.
export const metadata: Metadata = {
  title: "Your e-mailed cart",
  // The token is in this page's address: never hand it to another site as a Referer.
  referrer: "same-origin",
  robots: { index: false, follow: false },
};

type Props = { params: Promise<{ token: string }> };

export default async function RestorePage({ params }: Props) {
  const { token } = await params;
  const session = await currentSession();
  const preview = await previewRestore(token, session?.id ?? null);

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <ServerVisitor session={session} />
      <h1 className="text-3xl font-semibold tracking-tight">Your e-mailed cart</h1>
      {preview.status !== "ready" ? (
        <div className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
          <p role="status">{RESTORE_MESSAGES[preview.status]}</p>
          <Link href="/cart" className="inline-block font-medium text-brand-700 underline">
            Go to your cart
          </Link>
        </div>
      ) : (
        <form action={restoreCartAction} className="space-y-4 rounded-xl border border-stone-200 bg-white p-6">
          <p>This link carries a cart. Add it to the cart in this browser?</p>
          <ul className="divide-y divide-stone-100" aria-label="Items in the e-mailed cart">
            {preview.lines.map((line) => (
              <li key={line.name} className="flex justify-between gap-4 py-2">
                <span>
                  {line.name}
                  {line.available ? "" : " (sold out)"}
                </span>
                <span className="text-stone-600">× {line.quantity}</span>
              </li>
            ))}
          </ul>
          <p className="text-sm text-stone-600">
            The link works once, within {emailedCartDays()} of the e-mail. Items join whatever is already in this
            browser&apos;s cart.
          </p>
          <input type="hidden" name="token" value={token} />
          <div className="flex flex-wrap items-center gap-4">
            <SubmitButton pendingText="Adding…">Add to my cart</SubmitButton>
            <Link href="/" className="text-sm text-stone-700 underline">
              No thanks, back to the shop
            </Link>
          </div>
        </form>
      )}
    </div>
  );
}
