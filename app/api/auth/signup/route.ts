import type { NextRequest } from "next/server";
import { z } from "zod";
import { signUp } from "@/lib/accounts/accounts";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/** The body is judged by signUp (signupInput), after the sign-up limit has counted the attempt. */
export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => json(await signUp(ctx, await readJson(request, z.unknown())), 201));
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
