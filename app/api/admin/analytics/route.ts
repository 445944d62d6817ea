import type { NextRequest } from "next/server";
import { analytics } from "@/lib/admin/analytics";
import { handle, json, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/** Admin only: 403 for everyone else (lib/admin/analytics.ts checks the view_analytics scope). */
export async function GET(request: NextRequest) {
  return handle(request, async (ctx) => json(await analytics(ctx.session)));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
