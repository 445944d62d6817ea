import { NextResponse } from "next/server";
import { restoreCart } from "@/lib/leads";
import { toErrorResponse } from "@/lib/http";

// GET /cart/restore/[token]: the link from "e-mail me my cart". It copies the cart into this
// browser's session and lands on /cart, which says what happened (also when it did not work).
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const result = await restoreCart((await params).token);
    const to = new URL("/cart", request.url);
    if (result.status === "restored") {
      to.searchParams.set("restored", String(result.added));
      if (result.unavailable > 0) to.searchParams.set("unavailable", String(result.unavailable));
    } else {
      to.searchParams.set("restore", result.status);
    }
    return NextResponse.redirect(to, { status: 303, headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
  } catch (error) {
    return toErrorResponse(error); // e.g. 429 when this network starts too many sessions
  }
}
