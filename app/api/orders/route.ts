import { handle, json, refuseOtherMethods } from "@/lib/server/http";
import { listOrders } from "@/lib/checkout/orders";

export async function GET() {
  return handle(async (ctx) => json({ orders: await listOrders(ctx.session) }));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
