import { handle, json } from "@/lib/http";
import { listOrders } from "@/lib/orders";
import { sessionForAction } from "@/lib/session";

export async function GET() {
  return handle(async () => json({ orders: await listOrders(await sessionForAction()) }));
}
