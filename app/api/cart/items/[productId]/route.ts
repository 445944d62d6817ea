import type { NextRequest } from "next/server";
import { cartOf, changeCartQuantity, setQuantityInput } from "@/lib/cart/cart";
import { cartJson } from "@/lib/cart/json";
import { handle, json, readJson, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

type Context = { params: Promise<{ productId: string }> };

export async function PATCH(request: NextRequest, { params }: Context) {
  return handle(request, async (ctx) => {
    const { quantity } = await readJson(request, setQuantityInput);
    const session = await changeCartQuantity(ctx, (await params).productId, quantity);
    return json(cartJson(await cartOf(session)));
  });
}

export async function DELETE(request: NextRequest, { params }: Context) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    const session = await changeCartQuantity(ctx, (await params).productId, 0);
    return json(cartJson(await cartOf(session)));
  });
}

export const { GET, HEAD, POST, PUT } = refuseOtherMethods("PATCH", "DELETE");
