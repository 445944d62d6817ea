import type { NextRequest } from "next/server";
import { requestOrderClaim } from "@/lib/accounts/order-claims";
import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/**
 * "Find my guest orders": sends a single-use link to the account's e-mail (202). Following it
 * while signed in to this account attaches the guest orders placed with that e-mail.
 */
export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    const sent = await requestOrderClaim(ctx);
    return json(
      { ...sent, message: `A link is on its way to ${sent.sentTo}. See /outbox: no mail leaves this demo.` },
      202,
    );
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
