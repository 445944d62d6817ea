import type { NextRequest } from "next/server";
import { analytics } from "@/lib/admin/analytics";
import { handle, json, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/**
 * Admin only: 403 for everyone else (lib/admin/analytics.ts checks the view_analytics scope).
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC days, both included; default the last 30 days) sets the
 * range of the ranged figures; a bad date is a 422 naming the field.
 */
export async function GET(request: NextRequest) {
  const query = request.nextUrl.searchParams;
  return handle(request, async (ctx) =>
    json(await analytics(ctx.session, ctx.now, { from: query.get("from"), to: query.get("to") })),
  );
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
