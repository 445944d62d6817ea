import type { NextRequest } from "next/server";
import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";
import { endSessionAsAdmin } from "@/lib/admin/sessions";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/** Admin only: ends a guest's or a member's session by its security-log hash. */
export async function DELETE(request: NextRequest, { params }: { params: Promise<{ hash: string }> }) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    return json(await endSessionAsAdmin(ctx, (await params).hash));
  });
}

export const { GET, HEAD, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
