import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AddCardForm, RemoveCardButton } from "@/components/payment-methods";
import { Price } from "@/components/price";
import { SavedLines } from "@/components/saved-lines";
import { SubmitButton } from "@/components/submit-button";
import { cartOf } from "@/lib/cart/cart";
import { migrationHistory, welcomeMessage } from "@/lib/cart/migration";
import { listOrders } from "@/lib/checkout/orders";
import { listPaymentMethods } from "@/lib/accounts/payment-methods";
import { listSessions } from "@/lib/accounts/sessions";
import { ActionButton } from "@/components/action-button";
import { ChangePasswordForm, DeleteAccountForm } from "@/components/account-security";
import { YourSessions } from "@/components/your-sessions";
import { claimHistory } from "@/lib/accounts/order-claims";
import { describeCard } from "@/lib/checkout/payments";
import { currencyOf } from "@/lib/session/preferences-model";
import { readSaved } from "@/lib/cart/saved";
import { CART_CHOICE_WORDS } from "@/lib/cart/merge";
import { readFlash } from "@/lib/server/flash";
import { currentSession } from "@/lib/server/session-cookie";
import { config } from "@/lib/config";
import { logOutAction, requestOrderClaimAction } from "../../actions/account";
import { ServerVisitor } from "@/components/server-visitor";

export const metadata: Metadata = { title: "Your account" };

const idleHours = (seconds: number) =>
  seconds % 3600 === 0 ? `${seconds / 3600} hours` : `${Math.round(seconds / 60)} minutes`;

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const session = await currentSession();
  if (session?.type !== "authenticated") redirect("/login");
  const { welcome } = await searchParams;
  const claimed = await readFlash("orders_claimed"); // left by claimOrdersAction, never read from the address
  const [cart, saved, history, message, orders, cards, sessions] = await Promise.all([
    cartOf(session),
    readSaved(session.userId, currencyOf(session)),
    migrationHistory(session.userId),
    welcome ? welcomeMessage(session) : Promise.resolve(null),
    listOrders(session),
    listPaymentMethods(session),
    listSessions(session),
  ]);
  const claims = await claimHistory(session.userId);

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <ServerVisitor session={session} />
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Your account</h1>
          <p className="text-stone-600">
            Signed in as <strong>{session.email}</strong>
          </p>
          {session.isAdmin && (
            <Link href="/admin" className="mt-1 inline-block font-medium text-brand-700 underline">
              Open the journeys dashboard
            </Link>
          )}
        </div>
        <form action={logOutAction}>
          <SubmitButton variant="secondary" pendingText="Logging out…">
            Log out
          </SubmitButton>
        </form>
      </header>

      {message && (
        <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-brand-900">
          {message}
        </p>
      )}
      {claimed && (
        <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-brand-900">
          {claimed.orders === 0
            ? "No guest orders were waiting for your e-mail address; nothing was attached."
            : `${claimed.orders === 1 ? "1 guest order is" : `${claimed.orders} guest orders are`} now attached to your account.`}
        </p>
      )}

      <section aria-labelledby="cart-heading" className="rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="cart-heading" className="text-xl font-semibold">
          Cart
        </h2>
        <p className="mt-1 text-stone-700">
          {cart.count === 0
            ? "Your cart is empty."
            : `${cart.count} ${cart.count === 1 ? "item" : "items"} in your cart.`}{" "}
          <Link href="/cart" className="font-medium text-brand-700 underline">
            Open the cart
          </Link>
        </p>
      </section>

      <section aria-labelledby="orders-heading" className="rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="orders-heading" className="text-xl font-semibold">
          Orders
        </h2>
        <p className="mt-1 text-sm text-stone-600">
          Bought as a guest in another browser? We can attach those orders once you prove the e-mail is yours: we send a
          link to it.
        </p>
        <div className="mt-2">
          <ActionButton action={requestOrderClaimAction} variant="secondary" pendingText="Sending…">
            Find my guest orders
          </ActionButton>
        </div>
        {claims.length > 0 && (
          <ul aria-label="Claim history" className="mt-2 space-y-1 text-sm text-stone-600">
            {claims.map((c) => (
              <li key={c.usedAt.toISOString()}>
                <time dateTime={c.usedAt.toISOString()}>{c.usedAt.toUTCString()}</time>:{" "}
                {c.orders.length === 1 ? "1 guest order" : `${c.orders.length} guest orders`} claimed by e-mailed link
              </li>
            ))}
          </ul>
        )}
        {orders.length === 0 ? (
          <p className="mt-1 text-stone-600">No orders yet.</p>
        ) : (
          <ul aria-label="Orders" className="divide-y divide-stone-200">
            {orders.map((o) => (
              <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 py-3 text-sm">
                <Link href={`/orders/${o.id}`} className="font-medium text-brand-700 underline">
                  Order {o.number} · {new Date(o.createdAt).toUTCString().slice(0, 16)} ·{" "}
                  {o.items.map((i) => `${i.name} × ${i.quantity}`).join(", ")}
                </Link>
                <Price money={o.total} className="font-semibold" />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="cards-heading" className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="cards-heading" className="text-xl font-semibold">
          Saved cards
        </h2>
        {cards.length === 0 ? (
          <p className="text-stone-600">No saved cards. We keep only the brand, the last four digits and the expiry.</p>
        ) : (
          <ul aria-label="Saved cards" className="divide-y divide-stone-200">
            {cards.map((c) => (
              <li key={c.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                <span>
                  {describeCard(c)} · expires {String(c.expMonth).padStart(2, "0")}/{c.expYear}
                </span>
                <RemoveCardButton id={c.id} label={describeCard(c)} />
              </li>
            ))}
          </ul>
        )}
        <details className="rounded-lg border border-stone-200 p-3">
          <summary className="cursor-pointer font-medium">Add a card</summary>
          <div className="pt-3">
            <AddCardForm />
          </div>
        </details>
      </section>

      <SavedLines lines={saved} />

      <section aria-labelledby="sessions-heading" className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="sessions-heading" className="text-xl font-semibold">
          Your sessions
        </h2>
        <p className="text-sm text-stone-600">
          Everywhere this account is signed in. End a session you don&apos;t recognise: that browser is logged out on
          its next request.
        </p>
        <p className="text-sm text-stone-600" data-testid="idle-timeout">
          A session left unused for {idleHours(config().userIdleTimeout)} ends by itself: this one, unless you come back
          before, at <time dateTime={session.idleExpiresAt.toISOString()}>{session.idleExpiresAt.toUTCString()}</time>.
        </p>
        <YourSessions sessions={sessions} />
      </section>

      <section aria-labelledby="password-heading" className="space-y-3 rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="password-heading" className="text-xl font-semibold">
          Change password
        </h2>
        <ChangePasswordForm email={session.email} />
      </section>

      <section aria-labelledby="history-heading" className="rounded-xl border border-stone-200 bg-white p-5">
        <h2 id="history-heading" className="text-xl font-semibold">
          What moved from guest sessions
        </h2>
        {history.length === 0 ? (
          <p className="mt-1 text-stone-600">No guest session has been migrated into this account.</p>
        ) : (
          <ol aria-label="Migration history" className="mt-2 space-y-3">
            {history.map((m) => (
              <li key={m.id} className="rounded-lg bg-stone-50 p-3 text-sm">
                <p className="font-medium">
                  {m.kind === "signup" ? "Sign-up" : "Log-in"} on{" "}
                  <time dateTime={m.createdAt.toISOString()}>{m.createdAt.toUTCString()}</time>
                  {" — "}
                  {/* A new account has no cart of its own, so a sign-up made no choice. */}
                  {m.kind === "signup"
                    ? "the cart moved into the new account"
                    : CART_CHOICE_WORDS[m.summary.cartChoice].done}
                </p>
                <p className="text-stone-600">
                  {/* Plain words for shoppers: session ids belong to the inspector (/session). */}
                  From a guest session: {m.summary.cartItems} {m.summary.cartItems === 1 ? "product" : "products"} to
                  the cart, {m.summary.savedForLater} saved for later
                  {m.summary.preferences ? ", preferences" : ""}.
                </p>
                {m.details.cart && m.details.cart.length > 0 && (
                  <p className="text-stone-600">
                    Cart afterwards: {m.details.cart.map((l) => `${l.name} × ${l.quantity}`).join(", ")}
                  </p>
                )}
                {m.details.savedForLater && m.details.savedForLater.length > 0 && (
                  <p className="text-stone-600">
                    Saved: {m.details.savedForLater.map((l) => `${l.name} × ${l.quantity}`).join(", ")}
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="delete-heading" className="space-y-3 rounded-xl border border-red-200 bg-white p-5">
        <h2 id="delete-heading" className="text-xl font-semibold">
          Delete my account
        </h2>
        <details className="rounded-lg border border-stone-200 p-3">
          <summary className="cursor-pointer font-medium text-red-800">Delete my account…</summary>
          <div className="space-y-3 pt-3 text-sm">
            <p>This cannot be undone. Deleting your account:</p>
            <ul className="list-disc space-y-1 pl-5 text-stone-700">
              <li>ends every session of it, on every device;</li>
              <li>removes your e-mail address, password, saved cards, saved items, cart, messages and preferences;</li>
              <li>
                keeps your orders only as anonymous records for the shop&apos;s figures, without your name, e-mail or
                address.
              </li>
            </ul>
            <DeleteAccountForm />
          </div>
        </details>
      </section>
    </div>
  );
}
