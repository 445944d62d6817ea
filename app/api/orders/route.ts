import { handle, json, refuseOtherMethods } from "@/lib/http";
import { listOrders } from "@/lib/orders";
import { sessionForAction } from "@/lib/session";

export async function GET() {
  return handle(async () => json({ orders: await listOrders(await sessionForAction()) }));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
