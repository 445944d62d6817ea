import { NextResponse, type NextRequest } from "next/server";
import { errorJson } from "@/lib/server/error-body";

// Runs before Next routes a request whose path holds a `%` or a bracket, so that a path that is
// not valid percent-encoding, or that encodes control characters or brackets (`/products/[slug]`
// names Next's own route and sends it into a loop), gets a 400 (JSON under /api, a page
// elsewhere) instead of the framework's 500. Only such paths: a proxy on every request
// costs a third of the shop's throughput here (measured with autocannon, /about and /api/health).
// Security headers are set in next.config.ts; unknown /api paths and wrong methods are answered
// by app/api/[[...path]]/route.ts and lib/server/http.ts's refuseOtherMethods.

const BAD_PATH =
  "The address is malformed (bad percent-encoding, control characters or brackets). Check the link and try again.";

function wellFormed(pathname: string): boolean {
  try {
    return !/[\u0000-\u001f\u007f[\]]/.test(decodeURIComponent(pathname));
  } catch {
    return false;
  }
}

function badPathPage() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request · Passerby</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>That address can't be read</h1><p>${BAD_PATH}</p><p><a href="/">Back to the shop</a></p></body></html>`;
  return new NextResponse(html, {
    status: 400,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (wellFormed(pathname)) return NextResponse.next();
  return pathname.startsWith("/api/") ? errorJson("bad_request", BAD_PATH) : badPathPage();
}

export const config = {
  matcher: ["/(.*[%\\[\\]].*)"],
};
