"use client";

import Link from "next/link";
import { createContext, useContext, useState } from "react";

// The header's cart count, with an optimistic bump while an add-to-cart form is pending. The
// forms themselves post to server actions, so they also work before JavaScript loads.

const PendingAdds = createContext<{ pending: number; setPending: (n: number) => void }>({
  pending: 0,
  setPending: () => {},
});

export function CartCountProvider({ children }: { children: React.ReactNode }) {
  const [pending, setPending] = useState(0);
  return <PendingAdds.Provider value={{ pending, setPending }}>{children}</PendingAdds.Provider>;
}

export const usePendingAdds = () => useContext(PendingAdds);

export function CartLink({ count }: { count: number }) {
  const { pending } = usePendingAdds();
  const shown = count + pending;
  return (
    <Link
      href="/cart"
      className="inline-flex items-center gap-2 rounded-full border border-stone-300 bg-white px-3 py-1.5 font-medium hover:border-brand-600"
    >
      Cart
      <span
        data-testid="cart-count"
        aria-label={`${shown} ${shown === 1 ? "item" : "items"} in cart`}
        className="min-w-6 rounded-full bg-brand-700 px-2 text-center text-xs leading-5 text-white"
      >
        {shown}
      </span>
    </Link>
  );
}
