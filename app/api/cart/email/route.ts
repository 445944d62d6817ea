import type { NextRequest } from "next/server";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";
import { emailMyCart, leadInput } from "@/lib/cart/leads";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => {
    const input = await readJson(request, leadInput);
    const sent = await emailMyCart(ctx, input);
    return json(
      { lead: sent, message: `Your cart is on its way to ${sent.email}. See /outbox: no mail leaves this demo.` },
      202,
    );
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
