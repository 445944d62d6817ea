import { handle, json, readJson, refuseOtherMethods } from "@/lib/http";
import { addPaymentMethod, addPaymentMethodInput } from "@/lib/payment-methods";
import { sessionForAction } from "@/lib/session";

export async function POST(request: Request) {
  return handle(async () => {
    const input = await readJson(request, addPaymentMethodInput);
    const { id, brand, last4 } = await addPaymentMethod(await sessionForAction(), input);
    return json({ paymentMethod: { id, brand, last4 } }, 201);
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
