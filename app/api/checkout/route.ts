import type { NextRequest } from "next/server";
import { checkOut, checkoutInput } from "@/lib/checkout/checkout";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function POST(request: NextRequest) {
  return handle(request, async (ctx) =>
    json({ order: await checkOut(ctx, await readJson(request, checkoutInput)) }, 201),
  );
}

export const { GET, HEAD, PUT, PATCH, DELETE } = refuseOtherMethods("POST");
