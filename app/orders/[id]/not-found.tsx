import Link from "next/link";

// notFound() on an order page: a guessed id, another shopper's order, or an order whose guest
// session has ended. Say it is about orders, and where the order can still be found.
export default function OrderNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">We couldn’t show that order</h1>
      <p className="mt-3 text-stone-600">
        An order page opens only in the browser session that placed the order, or in the account it belongs to. The link
        in your order confirmation e-mail shows the order in any browser; or log in to see your orders.
      </p>
      <p className="mt-6 flex flex-wrap justify-center gap-4">
        <Link
          href="/login"
          className="inline-block rounded-full bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-900"
        >
          Log in
        </Link>
        <Link href="/" className="inline-block px-5 py-2.5 font-medium text-brand-700 underline">
          Back to the shop
        </Link>
      </p>
    </div>
  );
}
