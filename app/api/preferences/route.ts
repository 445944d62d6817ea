import type { NextRequest } from "next/server";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";
import { setPreferences } from "@/lib/session/preferences";
import { preferencesInput } from "@/lib/session/preferences-model";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function PUT(request: NextRequest) {
  return handle(request, async (ctx) => {
    const { preferences } = await setPreferences(ctx, await readJson(request, preferencesInput));
    return json({ preferences });
  });
}

export const { GET, HEAD, POST, PATCH, DELETE } = refuseOtherMethods("PUT");
