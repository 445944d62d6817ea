import { errorJson, handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/http";
import { endCurrentSession, ensureSession, sessionForAction } from "@/lib/session";
import { sessionJson } from "@/lib/session-view";

export async function GET() {
  return handle(async () => {
    const session = await sessionForAction();
    if (!session) return errorJson("no_session", "There is no valid session. Browsing alone creates none.");
    return json(await sessionJson(session));
  });
}

export async function POST() {
  return handle(async () => {
    await requireSameOrigin();
    const { session, created } = await ensureSession();
    return json(await sessionJson(session), created ? 201 : 200);
  });
}

export async function DELETE() {
  return handle(async () => {
    await requireSameOrigin();
    return json({ ended: await endCurrentSession() });
  });
}

export const { PUT, PATCH } = refuseOtherMethods("GET", "POST", "DELETE");
