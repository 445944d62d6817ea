import { db } from "@/lib/db/client";
import { errorJson, json, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return json({ status: "ok" });
  } catch {
    return errorJson("database_unavailable");
  }
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
