"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import type { Currency } from "@/lib/catalog/currency";
import type { VisitorJson } from "@/lib/cart/visitor";

// The personal corner of the header (signed in or not, currency, cart count). The layout reads
// no cookie, so catalog pages stay static and cacheable: the browser fetches this part from
// GET /api/visitor on every navigation, and pages that are personal anyway (cart, account, …)
// hand it over as they render (<VisitorSnapshot>), so it is right after each of their actions.
// An add-to-cart form bumps the count optimistically while it is pending.

type VisitorState = {
  visitor: VisitorJson | null;
  /** Shows what a server-rendered page knows, newer than any answer still on its way. */
  show: (visitor: VisitorJson) => void;
  /** Refetches (reporting a page view when given its path); resolves once the newest answer is shown. */
  refresh: (viewed?: string) => Promise<void>;
  pendingAdds: number;
  setPendingAdds: (n: number) => void;
};

const VisitorContext = createContext<VisitorState>({
  visitor: null,
  show: () => {},
  refresh: async () => {},
  pendingAdds: 0,
  setPendingAdds: () => {},
});

export const useVisitor = () => useContext(VisitorContext);

export function VisitorProvider({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  const [visitor, setVisitor] = useState<VisitorJson | null>(null);
  const [pendingAdds, setPendingAdds] = useState(0);
  const latest = useRef(0);
  const inflight = useRef<Promise<void>>(Promise.resolve());
  const refresh = useCallback((viewed?: string): Promise<void> => {
    // Only the answer to the latest request counts; an older one may arrive after it.
    const ticket = ++latest.current;
    // After a navigation the same request reports the page view (pages are cached).
    const init: RequestInit = viewed
      ? { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ path: viewed }) }
      : {};
    const request = fetch("/api/visitor", { ...init, cache: "no-store", credentials: "same-origin" })
      .then((response) => (response.ok ? (response.json() as Promise<VisitorJson>) : null))
      .then((body) => {
        if (body && ticket === latest.current) setVisitor(body);
      })
      .catch(() => {}); // the header keeps what it showed; the pages themselves still work
    inflight.current = request;
    return request.then(() => (ticket === latest.current ? undefined : inflight.current));
  }, []);
  const show = useCallback((next: VisitorJson) => {
    latest.current++;
    setVisitor(next);
  }, []);
  useEffect(() => {
    void refresh(pathname);
  }, [pathname, refresh]);
  return (
    <VisitorContext.Provider value={{ visitor, show, refresh, pendingAdds, setPendingAdds }}>
      {children}
    </VisitorContext.Provider>
  );
}

/** Rendered by personal pages with what they know, so the header follows their every action. */
export function VisitorSnapshot({ visitor }: { visitor: VisitorJson }) {
  const { show } = useVisitor();
  const { signedIn, currency, cartCount } = visitor;
  useEffect(() => show({ signedIn, currency, cartCount }), [show, signedIn, currency, cartCount]);
  return null;
}

export function AccountLink() {
  const { visitor } = useVisitor();
  return visitor?.signedIn ? (
    <Link href="/account" className="font-medium text-stone-700 hover:text-brand-700">
      Account
    </Link>
  ) : (
    <Link href="/login" className="font-medium text-stone-700 hover:text-brand-700">
      Log in
    </Link>
  );
}

export function CartLink() {
  const { visitor, pendingAdds } = useVisitor();
  const shown = visitor ? visitor.cartCount + pendingAdds : null;
  return (
    <Link
      href="/cart"
      className="inline-flex items-center gap-2 rounded-full border border-stone-300 bg-white px-3 py-1.5 font-medium hover:border-brand-600"
    >
      Cart
      {shown !== null && (
        <span
          data-testid="cart-count"
          aria-label={`${shown} ${shown === 1 ? "item" : "items"} in cart`}
          className="min-w-6 rounded-full bg-brand-700 px-2 text-center text-xs leading-5 text-white"
        >
          {shown}
        </span>
      )}
      {/* Without JavaScript the count can't be fetched by script: the browser draws it from an image. */}
      <noscript>
        {/* eslint-disable-next-line @next/next/no-img-element -- a personal, uncached image: next/image adds nothing */}
        <img src="/api/visitor/badge" alt="" height={20} className="h-5 w-auto" data-testid="cart-count-image" />
      </noscript>
    </Link>
  );
}

export const useVisitorCurrency = (): Currency | null => useVisitor().visitor?.currency ?? null;
