"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong on our side</h1>
      <p className="mt-3 text-stone-600">Nothing you did caused this. Your cart is safe; please try again.</p>
      <button
        type="button"
        onClick={reset}
        className="mt-6 rounded-full bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-900"
      >
        Try again
      </button>
    </div>
  );
}
