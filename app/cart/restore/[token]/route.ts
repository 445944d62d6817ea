import { NextResponse } from "next/server";
import { DomainError } from "@/lib/errors";
import { restoreCart, type RestoreResult } from "@/lib/leads";

// GET /cart/restore/[token]: the link from "e-mail me my cart". It copies the cart into this
// browser's session and lands on /cart, which says what happened (also when it did not work).
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const result: RestoreResult = await restoreCart((await params).token).catch((error: unknown) => {
    // Refused before the link was used (a rate limit, a missing permission): it still works later.
    if (error instanceof DomainError) return { status: "refused" as const };
    throw error;
  });
  const to = new URL("/cart", request.url);
  if (result.status === "restored") {
    to.searchParams.set("restored", String(result.added));
    if (result.unavailable > 0) to.searchParams.set("unavailable", String(result.unavailable));
  } else {
    to.searchParams.set("restore", result.status);
  }
  return NextResponse.redirect(to, { status: 303, headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}
