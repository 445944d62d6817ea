import { handle, json } from "@/lib/http";
import { sessionForAction } from "@/lib/session";
import { visitorJson } from "@/lib/visitor";

/** The header's personal corner; pages stay static because the browser asks for this instead. */
export async function GET() {
  return handle(async () => json(await visitorJson(await sessionForAction())));
}
