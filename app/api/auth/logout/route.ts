import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/http";
import { endCurrentSession } from "@/lib/session";

export async function POST() {
  return handle(async () => {
    await requireSameOrigin();
    const ended = await endCurrentSession();
    const response = json({ loggedOut: ended });
    response.headers.set("Clear-Site-Data", '"cookies"');
    return response;
  });
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
