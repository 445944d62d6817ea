import path from "node:path";
import type { NextConfig } from "next";
import { hstsHeader, securityHeaders } from "./lib/security-headers.mjs";
import { setting } from "./lib/settings.mjs";

// Catalog pages are cached once per currency (lib/server/catalog-pages.ts). `/` and `/products/[slug]`
// in the default currency are served as they are; these rewrites keep the same public URLs for a
// category (`/?category=…`) or another currency (the passerby_currency cookie) and serve the
// cached copy from app/browse.
const currency = { type: "cookie", key: "passerby_currency", value: "(?<currency>EUR|GBP|JPY)" } as const;
const category = { type: "query", key: "category", value: "(?<category>[a-z0-9-]{1,64})" } as const;

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pino"],
  // Several servers share one page cache in Redis when REDIS_URL is set (cache-handler.mjs): a
  // page revalidated on one is gone for all. No per-process copy, so every server reads Redis.
  ...(setting("REDIS_URL") ? { cacheHandler: path.resolve("cache-handler.mjs"), cacheMaxMemorySize: 0 } : {}),
  // Security headers on every response, cached pages included (lib/security-headers.mjs).
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders() },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: hstsHeader() },
    ];
  },
  // The internal paths are reached through the rewrites only: a request straight to one would
  // make Next render and keep one more copy for any made-up category or currency.
  async redirects() {
    return [{ source: "/browse/:path*", destination: "/", permanent: false }];
  },
  async rewrites() {
    return {
      beforeFiles: [
        { source: "/", has: [currency, category], destination: "/browse/:currency/category/:category" },
        { source: "/", has: [category], destination: "/browse/USD/category/:category" },
        { source: "/", has: [currency], destination: "/browse/:currency/category/all" },
        { source: "/products/:slug([a-z0-9-]{1,80})", has: [currency], destination: "/browse/:currency/product/:slug" },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
};

export default nextConfig;
