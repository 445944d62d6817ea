import type { NextRequest } from "next/server";
import { cartWithSavedJson } from "@/lib/cart/json";
import { handle, json, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function GET(request: NextRequest) {
  return handle(request, async ({ session }) => json(await cartWithSavedJson(session)));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
