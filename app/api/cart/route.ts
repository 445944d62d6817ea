import { cartOf } from "@/lib/cart";
import { cartJson } from "@/lib/cart-json";
import { handle, json, refuseOtherMethods } from "@/lib/http";
import { currencyOf } from "@/lib/preferences-model";
import { readSaved } from "@/lib/saved-for-later";
import { sessionForAction } from "@/lib/session";

export async function GET() {
  return handle(async () => {
    const session = await sessionForAction();
    const saved = await readSaved(session?.type === "authenticated" ? session.userId : null, currencyOf(session?.preferences ?? {}));
    return json(cartJson(await cartOf(session), saved));
  });
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
