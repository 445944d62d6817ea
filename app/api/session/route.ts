import type { NextRequest } from "next/server";
import { errorJson, handle, json, refuseOtherMethods, requireSameOrigin } from "@/lib/server/http";
import { endSession, ensureSession } from "@/lib/session/request";
import { sessionJson } from "@/lib/session/json";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function GET(request: NextRequest) {
  return handle(
    request,
    async ({ session }) => {
      if (!session) return errorJson("no_session", "There is no valid session. Browsing alone creates none.");
      return json(await sessionJson(session));
    },
    { withCart: true },
  ); // the session check's answer shows the cart: one statement reads both
}

export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    const { session, created } = await ensureSession(ctx);
    return json(await sessionJson(session, created), created ? 201 : 200);
  });
}

export async function DELETE(request: NextRequest) {
  return handle(request, async (ctx) => {
    await requireSameOrigin(request);
    return json({ ended: await endSession(ctx) });
  });
}

export const { PUT, PATCH } = refuseOtherMethods("GET", "POST", "DELETE");
