import type { NextRequest } from "next/server";
import { deleteAccount, deleteAccountInput } from "@/lib/accounts/account";
import { handle, json, readJson, refuseOtherMethods } from "@/lib/server/http";

export const dynamic = "force-dynamic"; // personal answers: see handle() in lib/server/http.ts

/** Deletes the account (its password required): ends every session, keeps orders only anonymised. */
export async function DELETE(request: NextRequest) {
  return handle(request, async (ctx) => {
    const deleted = await deleteAccount(ctx, await readJson(request, deleteAccountInput));
    const response = json({ deleted: true, ...deleted });
    response.headers.set("Clear-Site-Data", '"cookies"');
    return response;
  });
}

export const { GET, HEAD, POST, PUT, PATCH } = refuseOtherMethods("DELETE");
