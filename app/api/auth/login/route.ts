import type { NextRequest } from "next/server";
import { logIn, loginInput } from "@/lib/accounts/accounts";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";

export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => json(await logIn(ctx, await readJson(request, loginInput))));
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
