import { handle, json, requireSameOrigin } from "@/lib/http";
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
