import type { NextRequest } from "next/server";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";
import { syncCurrencyHint } from "@/lib/server/session-cookie";
import { recordView, viewInput, visitorJson } from "@/lib/cart/visitor";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

// The header's personal corner; pages stay static because the browser asks for this instead.

export async function GET(request: NextRequest) {
  return handle(request, async ({ session }) => json(await visitorJson(session)));
}

/** The same, after a navigation: also counts the page view (pages are cached, so it is counted here). */
export async function POST(request: NextRequest) {
  return handle(request, async ({ session, network }) => {
    const { path } = await readJson(request, viewInput);
    await syncCurrencyHint(session);
    await recordView(session, path, network);
    return json(await visitorJson(session));
  });
}

export const { PUT, PATCH, DELETE } = refuseOtherMethods("GET", "POST");
