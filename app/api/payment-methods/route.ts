import type { NextRequest } from "next/server";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";
import { addPaymentMethod, addPaymentMethodInput } from "@/lib/accounts/payment-methods";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => {
    const input = await readJson(request, addPaymentMethodInput);
    const { id, brand, last4 } = await addPaymentMethod(ctx.session, input);
    return json({ paymentMethod: { id, brand, last4 } }, 201);
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
