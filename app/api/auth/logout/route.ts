import type { NextRequest } from "next/server";
import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";
import { endSession } from "@/lib/session/request";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    const ended = await endSession(ctx);
    const response = json({ loggedOut: ended });
    response.headers.set("Clear-Site-Data", '"cookies"');
    return response;
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
