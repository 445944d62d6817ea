import { NextResponse, type NextRequest } from "next/server";
import { allowedMethods } from "@/lib/api-routes";
import { errorJson } from "@/lib/error-body";

// Runs before Next routes a request, so what a stranger sends is refused before any page or
// handler sees it: a path that is not valid percent-encoding (Next would answer 500), and under
// /api an unknown path or a method the route does not answer, in the API's JSON error shape.
// Security headers are not set here but in next.config.ts, so cached pages carry them too.

const BAD_PATH = "The address is malformed (bad percent-encoding or control characters). Check the link and try again.";

function wellFormed(pathname: string): boolean {
  try {
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    return !/[\u0000-\u001f\u007f]/.test(decodeURIComponent(pathname));
  } catch {
    return false;
  }
}

function badPathPage() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request · Passerby</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>That address can't be read</h1><p>${BAD_PATH}</p><p><a href="/">Back to the shop</a></p></body></html>`;
  return new NextResponse(html, { status: 400, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const api = pathname === "/api" || pathname.startsWith("/api/");
  if (!wellFormed(pathname)) return api ? errorJson("bad_request", BAD_PATH, 400) : badPathPage();
  if (!api) return NextResponse.next();
  const allowed = allowedMethods(pathname);
  if (!allowed) return errorJson("not_found", `There is no API route at ${pathname}.`, 404);
  if (!allowed.includes(request.method)) {
    return errorJson("method_not_allowed", `${pathname} does not answer ${request.method}; it answers ${allowed.join(", ")}.`, 405, {
      Allow: allowed.join(", "),
    });
  }
  return NextResponse.next();
}

export const config = {
  // Built assets and public images are files: nothing to check there.
  matcher: ["/((?!_next/static|_next/image|images/|favicon.ico).*)"],
};
