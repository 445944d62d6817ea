import type { NextRequest } from "next/server";
import { previewRestore, restoreCart, restoreRefused } from "@/lib/cart/leads";
import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

// The link from "E-mail me my cart" (POST /api/cart/email), over the API: GET shows what it
// carries and changes nothing (no session is started, nothing is used up); POST adds it to this
// client's cart, once, starting a guest session when there is none. The same rules as the page
// /cart/restore/[token]: single use, EMAILED_CART_DAYS, not in the browser it came from.

type Context = { params: Promise<{ token: string }> };

export async function GET(request: NextRequest, { params }: Context) {
  return handle(request, async ({ session, now }) => {
    const preview = await previewRestore((await params).token, session?.id ?? null, now);
    if (preview.status !== "ready") throw restoreRefused(preview);
    return json({ items: preview.lines });
  });
}

export async function POST(request: NextRequest, { params }: Context) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    const result = await restoreCart(ctx, (await params).token);
    if (result.status !== "restored") throw restoreRefused(result);
    const { added, unavailable } = result;
    return json({
      added,
      unavailable,
      message: `${added === 1 ? "1 item was" : `${added} items were`} added to this cart${unavailable > 0 ? `; ${unavailable} ${unavailable === 1 ? "product is" : "products are"} no longer in stock` : ""}.`,
    });
  });
}

export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
