import type { NextRequest } from "next/server";
import { handle, json, refuseOtherMethods } from "@/lib/server/http";
import { listOutbox } from "@/lib/mail/outbox";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

export async function GET(request: NextRequest) {
  return handle(request, async (ctx) => json({ messages: await listOutbox(ctx.session) }));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
