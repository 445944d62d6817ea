import type { NextRequest } from "next/server";
import { endSessionByHandle } from "@/lib/accounts/sessions";
import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/** Ends one of the account's sessions by the id GET /api/account/sessions lists (its public handle). */
export async function DELETE(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    return json(await endSessionByHandle(ctx, (await params).id));
  });
}

export const { GET, HEAD, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
