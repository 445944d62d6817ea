import { handle, json, refuseOtherMethods } from "@/lib/http";
import { findOrder } from "@/lib/orders";
import { sessionForAction } from "@/lib/session";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => json({ order: await findOrder(await sessionForAction(), (await params).id) }));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
