import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";
import { endSession } from "@/lib/session/session";

export async function POST() {
  return handle(async (ctx) => {
    await requireSameOrigin();
    const ended = await endSession(ctx);
    const response = json({ loggedOut: ended });
    response.headers.set("Clear-Site-Data", '"cookies"');
    return response;
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
