import { handle, json, readJson, refuseOtherMethods } from "@/lib/http";
import { setPreferences } from "@/lib/preferences";
import { preferencesInput } from "@/lib/preferences-model";

export async function PUT(request: Request) {
  return handle(async () => {
    const { preferences } = await setPreferences(await readJson(request, preferencesInput));
    return json({ preferences });
  });
}

export const { GET, HEAD, POST, PATCH, DELETE } = refuseOtherMethods("PUT");
