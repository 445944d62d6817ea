import Link from "next/link";
import { CurrencySwitcher } from "./currency-switcher";
import { MenuCloser } from "./menu-closer";
import { AccountLink, CartLink } from "./visitor";

const nav = [
  { href: "/", label: "Shop" },
  { href: "/deals", label: "Deals" },
  { href: "/session", label: "Your session" },
];

export function SiteHeader() {
  return (
    // One row on every screen. On a phone the links and the currency fold under "Menu": a
    // <details> whose open state shows the panel beside it (peer-open, so it opens without
    // JavaScript too, and each control is in the page once); on wider screens the panel is
    // simply part of the row. With JavaScript it also closes as a menu should (MenuCloser). On a
    // phone the header scrolls away with the page, and the name shrinks to its badge.
    <header className="z-40 border-b border-stone-200 bg-white/95 backdrop-blur sm:sticky sm:top-0">
      <div className="relative mx-auto flex max-w-6xl items-center gap-x-3 px-4 py-2 sm:gap-x-6 sm:px-6 sm:py-3">
        <Link href="/" className="flex items-center gap-2 text-xl font-semibold tracking-tight text-brand-900">
          <span aria-hidden className="grid h-8 w-8 place-items-center rounded-full bg-brand-600 text-sm text-white">
            P
          </span>
          <span className="sr-only sm:not-sr-only">Passerby</span>
        </Link>
        <details id="site-menu" className="peer group sm:hidden">
          <summary className="cursor-pointer list-none rounded-full border border-stone-300 px-3 py-1.5 text-sm font-medium text-stone-700 [&::-webkit-details-marker]:hidden">
            Menu{" "}
            <span aria-hidden className="inline-block transition group-open:rotate-180">
              ▾
            </span>
          </summary>
        </details>
        <MenuCloser menu="site-menu" panel="site-menu-panel" />
        <div
          id="site-menu-panel"
          className="absolute left-4 top-full z-50 mt-1 hidden w-60 space-y-4 rounded-xl border border-stone-200 bg-white p-4 shadow-lg peer-open:block sm:static sm:mt-0 sm:flex sm:w-auto sm:flex-1 sm:items-center sm:justify-between sm:space-y-0 sm:border-0 sm:bg-transparent sm:p-0 sm:shadow-none"
        >
          <nav aria-label="Main">
            <ul className="space-y-2 text-sm font-medium text-stone-700 sm:flex sm:gap-4 sm:space-y-0 sm:text-stone-600">
              {nav.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="rounded px-1 py-1 hover:text-brand-700">
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {/* Without JavaScript the switcher could not say which currency is chosen: a link to the page that does. */}
          <div className="needs-js">
            <CurrencySwitcher />
          </div>
          <noscript>
            <Link
              href="/currency"
              className="rounded px-1 py-1 text-sm font-medium text-stone-700 underline hover:text-brand-700"
            >
              Currency
            </Link>
          </noscript>
        </div>
        <div className="ml-auto flex items-center gap-3 text-sm sm:ml-0">
          <AccountLink />
          <CartLink />
        </div>
      </div>
    </header>
  );
}
