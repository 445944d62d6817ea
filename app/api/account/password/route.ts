import type { NextRequest } from "next/server";
import { changePassword, changePasswordInput } from "@/lib/accounts/account";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/** Changes the password (the current one required) and ends every other session. */
export async function POST(request: NextRequest) {
  return handle(request, async (ctx) =>
    json({ changed: true, ...(await changePassword(ctx, await readJson(request, changePasswordInput))) }),
  );
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
