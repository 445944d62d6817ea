import type { Metadata, Viewport } from "next";
import { CartCountProvider, CartLink } from "@/components/cart-count";
import { CurrencySwitcher } from "@/components/currency-switcher";
import { SiteHeader } from "@/components/site-header";
import { cartOf } from "@/lib/cart";
import { currencyOf } from "@/lib/preferences-model";
import { currentSession } from "@/lib/session";
import { SiteFooter } from "@/components/site-footer";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Passerby — shop without an account", template: "%s · Passerby" },
  description: "A demo shop that shows anonymous authentication done right.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await currentSession();
  const cart = await cartOf(session);
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-stone-50 font-sans text-stone-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <CartCountProvider>
          <SiteHeader
            signedIn={session?.type === "authenticated"}
            cartSlot={
              <>
                <CurrencySwitcher current={currencyOf(session?.preferences ?? {})} />
                <CartLink count={cart.count} />
              </>
            }
          />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
            {children}
          </main>
        </CartCountProvider>
        <SiteFooter />
      </body>
    </html>
  );
}
