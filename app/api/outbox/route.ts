import { handle, json, refuseOtherMethods } from "@/lib/http";
import { listOutbox } from "@/lib/outbox";
import { sessionForAction } from "@/lib/session";

export async function GET() {
  return handle(async () => json({ messages: await listOutbox(await sessionForAction()) }));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
