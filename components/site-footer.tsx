import Link from "next/link";

export function SiteFooter() {
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-stone-500 sm:px-6">
        Passerby is a demo shop: no real payments, no real mail. Browse freely — browsing alone stores nothing about
        you.{" "}
        <Link href="/about" className="underline hover:text-brand-700">
          How it works
        </Link>
        {" · "}
        <Link href="/outbox" className="underline hover:text-brand-700">
          Outbox
        </Link>
      </div>
    </footer>
  );
}
