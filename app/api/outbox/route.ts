import { handle, json, refuseOtherMethods } from "@/lib/server/http";
import { listOutbox } from "@/lib/checkout/outbox";

export async function GET() {
  return handle(async (ctx) => json({ messages: await listOutbox(ctx.session) }));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
