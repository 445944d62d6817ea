import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">We couldn’t find that page</h1>
      <p className="mt-3 text-stone-600">
        The address may be mistyped, or what it pointed to may have moved or been removed.
      </p>
      <Link
        href="/"
        className="mt-6 inline-block rounded-full bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-900"
      >
        Back to the shop
      </Link>
    </div>
  );
}
