import type { NextRequest } from "next/server";
import { handle, json, refuseOtherMethods } from "@/lib/server/http";
import { findSessions } from "@/lib/admin/sessions";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/** Admin only: sessions by the security log's hash (`?q=<24 hex>`) or an account's e-mail (`?q=a@b.c`). */
export async function GET(request: NextRequest) {
  return handle(request, async (ctx) =>
    json({ sessions: await findSessions(ctx.session, request.nextUrl.searchParams.get("q") ?? "") }),
  );
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
