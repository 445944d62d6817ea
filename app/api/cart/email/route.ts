import { handle, json, readJson, refuseOtherMethods } from "@/lib/http";
import { emailMyCart, leadInput } from "@/lib/leads";
import { requestOrigin } from "@/lib/request";

export async function POST(request: Request) {
  return handle(async () => {
    const input = await readJson(request, leadInput);
    const sent = await emailMyCart(input, await requestOrigin());
    return json({ lead: sent, message: `Your cart is on its way to ${sent.email}. See /outbox: no mail leaves this demo.` }, 202);
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
