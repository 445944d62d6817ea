import { NextResponse, type NextRequest } from "next/server";
import { analytics } from "@/lib/admin/analytics";
import { dashboardTables, tableCsv, TABLE_IDS, type TableId } from "@/lib/admin/tables";
import { invalid } from "@/lib/errors";
import { handle, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/**
 * Admin only, like GET /api/admin/analytics: one of the dashboard's tables as a CSV download,
 * `?table=daily|orders|ab-test|carts&from=YYYY-MM-DD&to=YYYY-MM-DD`.
 */
export async function GET(request: NextRequest) {
  const query = request.nextUrl.searchParams;
  return handle(request, async (ctx) => {
    const figures = await analytics(ctx.session, ctx.now, { from: query.get("from"), to: query.get("to") });
    const table = query.get("table") ?? "";
    if (!(TABLE_IDS as readonly string[]).includes(table))
      throw invalid(`Choose a table: ${TABLE_IDS.join(", ")}.`, "table");
    const { from, to } = figures.range;
    return new NextResponse(tableCsv(dashboardTables(figures)[table as TableId]), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="passerby-${table}-${from}-to-${to}.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}

export const { POST, PUT, PATCH, DELETE } = refuseOtherMethods("GET");
