"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { setFlash } from "@/lib/server/flash";
import { formAction } from "@/lib/server/form-action";
import { endSessionAsAdmin } from "@/lib/admin/sessions";

/** Ends the session, then shows the same lookup again, which now says it is revoked. */
export const endSessionAsAdminAction = formAction(
  z.strictObject({
    hash: z.string().regex(/^[0-9a-f]{24}$/i, "That is not a session hash."),
    q: z.string().max(300).optional(),
  }),
  async (ctx, { hash, q }) => {
    await endSessionAsAdmin(ctx, hash);
    // "Session … is ended" comes from a flash, not the address (where anyone could write it).
    await setFlash({ kind: "admin_ended", hash });
    redirect(`/admin/sessions?${new URLSearchParams({ q: q ?? hash })}`);
  },
);
