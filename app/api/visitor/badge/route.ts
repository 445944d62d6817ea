import { NextResponse, type NextRequest } from "next/server";
import { handle, refuseOtherMethods } from "@/lib/server/http";
import { visitorJson } from "@/lib/cart/visitor";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

// The header's cart count for a browser without JavaScript: catalog pages are static and the
// count is otherwise fetched by script, so the header's <noscript> shows this image instead.
// Drawn like the scripted badge (components/visitor.tsx); never cached.

export async function GET(request: NextRequest) {
  return handle(request, async ({ session }) => {
    const { cartCount } = await visitorJson(session);
    const text = String(Math.min(cartCount, 999));
    const width = 12 + 8 * text.length;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20"><title>${text} in cart</title><rect width="${width}" height="20" rx="10" fill="#245540"/><text x="${width / 2}" y="14" text-anchor="middle" font-family="system-ui, sans-serif" font-size="12" fill="#fff">${text}</text></svg>`;
    return new NextResponse(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "no-store" } });
  });
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
