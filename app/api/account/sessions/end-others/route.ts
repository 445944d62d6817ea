import type { NextRequest } from "next/server";
import { endOtherSessions } from "@/lib/accounts/sessions";
import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/** Ends every session of the account but the one making this request. */
export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    return json({ ended: await endOtherSessions(ctx) });
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
