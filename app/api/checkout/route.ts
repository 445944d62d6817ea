import { catalogChanged } from "@/lib/catalog-pages";
import { checkoutInput, placeOrder } from "@/lib/checkout";
import { handle, json, readJson } from "@/lib/http";
import { sessionForAction } from "@/lib/session";

export async function POST(request: Request) {
  return handle(async () => {
    const input = await readJson(request, checkoutInput);
    const order = await placeOrder(await sessionForAction(), input);
    catalogChanged(); // stock went down
    return json({ order }, 201);
  });
}
