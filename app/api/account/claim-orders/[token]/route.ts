import type { NextRequest } from "next/server";
import { claimOrders, claimPreviewJson, claimRefused, previewOrderClaim } from "@/lib/accounts/order-claims";
import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

// The link from "Find my guest orders" (POST /api/account/claim-orders), over the API: GET shows
// what it would attach and changes nothing; POST attaches, once. The same rules as the page
// /account/claim/[token]: signed in to the account it was sent for, single use, 30 minutes.

type Context = { params: Promise<{ token: string }> };

export async function GET(request: NextRequest, { params }: Context) {
  return handle(request, async ({ session, now }) => {
    const preview = await previewOrderClaim(session, (await params).token, now);
    if (preview.status !== "ready") throw claimRefused(preview);
    return json(claimPreviewJson(preview));
  });
}

export async function POST(request: NextRequest, { params }: Context) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    const result = await claimOrders(ctx, (await params).token);
    if (result.status !== "claimed") throw claimRefused(result);
    const n = result.orders;
    return json({
      orders: n,
      message: `${n === 1 ? "1 guest order was" : `${n} guest orders were`} attached to your account.`,
    });
  });
}

export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
