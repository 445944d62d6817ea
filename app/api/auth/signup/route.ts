import type { NextRequest } from "next/server";
import { signUp, signupInput } from "@/lib/accounts/accounts";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => json(await signUp(ctx, await readJson(request, signupInput)), 201));
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
