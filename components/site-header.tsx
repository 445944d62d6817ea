import Link from "next/link";
import { CurrencySwitcher } from "./currency-switcher";
import { AccountLink, CartLink } from "./visitor";

const nav = [
  { href: "/", label: "Shop" },
  { href: "/deals", label: "Deals" },
  { href: "/session", label: "Your session" },
];

export function SiteHeader() {
  return (
    // On a phone the header scrolls away with the page (sticky, it would keep two rows of a small
    // screen), and the name shrinks to its badge.
    <header className="z-40 border-b border-stone-200 bg-white/95 backdrop-blur sm:sticky sm:top-0">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2 sm:gap-x-6 sm:px-6 sm:py-3">
        <Link href="/" className="flex items-center gap-2 text-xl font-semibold tracking-tight text-brand-900">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-full bg-brand-600 text-sm text-white">P</span>
          <span className="sr-only sm:not-sr-only">Passerby</span>
        </Link>
        <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex gap-4 text-sm font-medium text-stone-600">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="rounded px-1 py-1 hover:text-brand-700">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <AccountLink />
          <CurrencySwitcher />
          <CartLink />
        </div>
      </div>
    </header>
  );
}
