import type { NextRequest } from "next/server";
import { handle, json, refuseOtherMethods } from "@/lib/server/http";
import { orderByLink } from "@/lib/checkout/order-links";

export const dynamic = "force-dynamic"; // see handle() in lib/server/http.ts

/** The order an e-mailed link shows (read-only, whoever asks): 404 not_found, 410 link_expired. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  return handle(request, async () => json({ order: await orderByLink((await params).token) }));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
