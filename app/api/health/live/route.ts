import { json, refuseOtherMethods } from "@/lib/server/http";

// Liveness: the process answers, nothing else is asked (no database, no session). What a load
// balancer or an orchestrator polls to know the process is up; /api/health is the readiness
// check that asks the database too. The bench measures every route against this one.
export const dynamic = "force-dynamic";

export function GET() {
  return json({ status: "ok" });
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
