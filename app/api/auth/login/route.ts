import type { NextRequest } from "next/server";
import { logIn, loginInput } from "@/lib/accounts/accounts";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => json(await logIn(ctx, await readJson(request, loginInput))));
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
