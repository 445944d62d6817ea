import { endSessionByHandle } from "@/lib/accounts/sessions";
import { handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";

/** Ends one of the account's sessions by the id GET /api/account/sessions lists (its public handle). */
export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async (ctx) => {
    await requireSameOrigin();
    return json(await endSessionByHandle(ctx, (await params).id));
  });
}

export const { GET, HEAD, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
