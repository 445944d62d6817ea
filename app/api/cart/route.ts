import type { NextRequest } from "next/server";
import { cartOf } from "@/lib/cart/cart";
import { cartJson } from "@/lib/cart/json";
import { handle, json, refuseOtherMethods } from "@/lib/server/http";
import { currencyOf } from "@/lib/session/preferences-model";
import { readSaved } from "@/lib/cart/saved";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function GET(request: NextRequest) {
  return handle(request, async ({ session }) => {
    const saved = await readSaved(session?.type === "authenticated" ? session.userId : null, currencyOf(session));
    return json(cartJson(await cartOf(session), saved));
  });
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
