import type { NextRequest } from "next/server";
import { checkOut, checkoutInput } from "@/lib/checkout/checkout";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";

export async function POST(request: NextRequest) {
  return handle(request, async (ctx) => json({ order: await checkOut(ctx, await readJson(request, checkoutInput)) }, 201));
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
