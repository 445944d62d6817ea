import { cartOf, changeCartQuantity, setQuantityInput } from "@/lib/cart";
import { cartJson } from "@/lib/cart-json";
import { handle, json, readJson, refuseOtherMethods, requireSameOrigin } from "@/lib/http";

type Context = { params: Promise<{ productId: string }> };

export async function PATCH(request: Request, { params }: Context) {
  return handle(async () => {
    const { quantity } = await readJson(request, setQuantityInput);
    const session = await changeCartQuantity((await params).productId, quantity);
    return json(cartJson(await cartOf(session)));
  });
}

export async function DELETE(_request: Request, { params }: Context) {
  return handle(async () => {
    await requireSameOrigin();
    const session = await changeCartQuantity((await params).productId, 0);
    return json(cartJson(await cartOf(session)));
  });
}

export const { GET, HEAD, POST, PUT } = refuseOtherMethods("PATCH", "DELETE");
