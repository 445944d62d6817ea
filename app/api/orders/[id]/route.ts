import type { NextRequest } from "next/server";
import { handle, json, refuseOtherMethods } from "@/lib/server/http";
import { findOrder } from "@/lib/checkout/orders";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return handle(request, async (ctx) => json({ order: await findOrder(ctx.session, (await params).id) }));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
