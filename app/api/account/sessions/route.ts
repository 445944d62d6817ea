import type { NextRequest } from "next/server";
import { listSessions } from "@/lib/accounts/sessions";
import { handle, json, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/** The account's live signed-in sessions (members only: 403 for everyone else). */
export async function GET(request: NextRequest) {
  return handle(request, async (ctx) => json({ sessions: await listSessions(ctx.session, ctx.now) }));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
