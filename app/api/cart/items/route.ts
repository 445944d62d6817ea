import { addItemInput, addToCart, cartOf } from "@/lib/cart";
import { cartJson } from "@/lib/cart-json";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/http";

export async function POST(request: Request) {
  return handle(async () => {
    const session = await addToCart(await readJson(request, addItemInput));
    return json(cartJson(await cartOf(session)));
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
