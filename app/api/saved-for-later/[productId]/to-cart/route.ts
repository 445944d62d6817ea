import type { NextRequest } from "next/server";
import { cartWithSavedJson } from "@/lib/cart/json";
import { moveSavedToCart } from "@/lib/cart/saved";
import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

type Context = { params: Promise<{ productId: string }> };

/** Moves a saved line back into the cart (the cart's rules: stock and 99): the cart, as GET /api/cart answers it. */
export async function POST(request: NextRequest, { params }: Context) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    await moveSavedToCart(ctx, (await params).productId);
    return json(await cartWithSavedJson(ctx.session));
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
