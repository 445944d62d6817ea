import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SavedLine } from "@/components/saved-line";
import { SubmitButton } from "@/components/submit-button";
import { cartOf } from "@/lib/cart";
import { migrationHistory, welcomeMessage } from "@/lib/migration";
import { currencyOf } from "@/lib/preferences-model";
import { readSaved } from "@/lib/saved-for-later";
import { currentSession } from "@/lib/session";
import { logOutAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

const CHOICE_WORDS: Record<string, string> = {
  combine: "carts combined",
  keep_account: "kept the account cart",
  use_guest: "used the guest cart",
};

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const session = await currentSession();
  if (session?.type !== "authenticated") redirect("/login");
  const { welcome } = await searchParams;
  const [cart, saved, history, message] = await Promise.all([
    cartOf(session),
    readSaved(session.userId, currencyOf(session.preferences)),
    migrationHistory(session.userId),
    welcome ? welcomeMessage(session) : Promise.resolve(null),
  ]);

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Your account</h1>
          <p className="text-stone-600">Signed in as <strong>{session.email}</strong></p>
        </div>
        <form action={logOutAction}>
          <SubmitButton variant="secondary" pendingText="Logging out…">Log out</SubmitButton>
        </form>
      </header>

      {message && <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-brand-900">{message}</p>}

      <section aria-labelledby="cart-heading" className="rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="cart-heading" className="text-xl font-semibold">Cart</h2>
        <p className="mt-1 text-stone-700">
          {cart.count === 0 ? "Your cart is empty." : `${cart.count} ${cart.count === 1 ? "item" : "items"} in your cart.`}{" "}
          <Link href="/cart" className="font-medium text-brand-700 underline">Open the cart</Link>
        </p>
      </section>

      <section aria-labelledby="saved-heading" className="rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="saved-heading" className="text-xl font-semibold">Saved for later</h2>
        {saved.length === 0 ? (
          <p className="mt-1 text-stone-600">Nothing saved. Items you choose not to keep in your cart at log-in land here.</p>
        ) : (
          <ul aria-label="Saved for later" className="divide-y divide-stone-200">
            {saved.map((line) => <SavedLine key={line.productId} line={line} />)}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-heading" className="rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="history-heading" className="text-xl font-semibold">What moved from guest sessions</h2>
        {history.length === 0 ? (
          <p className="mt-1 text-stone-600">No guest session has been migrated into this account.</p>
        ) : (
          <ol aria-label="Migration history" className="mt-2 space-y-3">
            {history.map((m) => (
              <li key={m.id} className="rounded-lg bg-stone-50 p-3 text-sm">
                <p className="font-medium">
                  {m.kind === "signup" ? "Sign-up" : "Log-in"} on{" "}
                  <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toUTCString()}</time>
                  {" — "}{CHOICE_WORDS[m.summary.cartChoice]}
                </p>
                <p className="text-stone-600">
                  From guest session <code>{m.summary.fromSessionId.slice(0, 12)}…</code>: {m.summary.cartItems} to the cart,{" "}
                  {m.summary.savedForLater} saved for later{m.summary.preferences ? ", preferences" : ""}.
                </p>
                {m.details.cart && m.details.cart.length > 0 && (
                  <p className="text-stone-600">Cart afterwards: {m.details.cart.map((l) => `${l.name} × ${l.quantity}`).join(", ")}</p>
                )}
                {m.details.savedForLater && m.details.savedForLater.length > 0 && (
                  <p className="text-stone-600">Saved: {m.details.savedForLater.map((l) => `${l.name} × ${l.quantity}`).join(", ")}</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
