import { cartOf } from "@/lib/cart";
import { cartJson } from "@/lib/cart-json";
import { handle, json } from "@/lib/http";
import { sessionForAction } from "@/lib/session";

export async function GET() {
  return handle(async () => json(cartJson(await cartOf(await sessionForAction()))));
}
