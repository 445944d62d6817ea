import type { NextRequest } from "next/server";
import { addItemInput, addToCart, cartOf } from "@/lib/cart/cart";
import { cartJson } from "@/lib/cart/json";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => {
    const session = await addToCart(ctx, await readJson(request, addItemInput));
    return json(cartJson(await cartOf(session)));
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
