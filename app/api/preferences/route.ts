import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";
import { setPreferences } from "@/lib/session/preferences";
import { preferencesInput } from "@/lib/session/preferences-model";

export async function PUT(request: Request) {
  return handle(async (ctx) => {
    const { preferences } = await setPreferences(ctx, await readJson(request, preferencesInput));
    return json({ preferences });
  });
}

export const { GET, HEAD, POST, PATCH, DELETE } = refuseOtherMethods("PUT");
