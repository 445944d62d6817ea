import { analytics } from "@/lib/analytics";
import { handle, json, refuseOtherMethods } from "@/lib/http";
import { sessionForAction } from "@/lib/session";

/** Admin only: 403 for everyone else (lib/analytics.ts checks the view_analytics scope). */
export async function GET() {
  return handle(async () => json(await analytics(await sessionForAction())));
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
