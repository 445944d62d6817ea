import { handle, json } from "@/lib/http";
import { listOutbox } from "@/lib/outbox";
import { sessionForAction } from "@/lib/session";

export async function GET() {
  return handle(async () => json({ messages: await listOutbox(await sessionForAction()) }));
}
