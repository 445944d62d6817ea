import type { Metadata, Viewport } from "next";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { VisitorProvider } from "@/components/visitor";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Passerby — shop without an account", template: "%s · Passerby" },
  description: "A demo shop that shows anonymous authentication done right.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// The layout reads no cookie: that keeps catalog pages static. The header's personal corner
// (components/visitor.tsx) is filled in by the browser.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col bg-stone-50 font-sans text-stone-900 antialiased">
        {/* What only works with JavaScript steps aside without it (see components/site-header.tsx). */}
        <noscript>
          <style>{".needs-js{display:none!important}"}</style>
        </noscript>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <VisitorProvider>
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
            {children}
          </main>
        </VisitorProvider>
        <SiteFooter />
      </body>
    </html>
  );
}
