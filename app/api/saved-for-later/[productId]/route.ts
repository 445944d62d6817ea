import type { NextRequest } from "next/server";
import { cartWithSavedJson } from "@/lib/cart/json";
import { removeSaved } from "@/lib/cart/saved";
import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

type Context = { params: Promise<{ productId: string }> };

/** Removes a line from the member's saved-for-later list: the cart, as GET /api/cart answers it. */
export async function DELETE(request: NextRequest, { params }: Context) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    await removeSaved(ctx.session, (await params).productId);
    return json(await cartWithSavedJson(ctx.session));
  });
}

export const { GET, HEAD, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
