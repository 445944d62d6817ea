import { z } from "zod";
import type { Ctx } from "./context";
import { preferencesColumn } from "./store";
import { db } from "../db/client";
import { requireScope } from "../permissions";
import { preferencesInput, type Preferences } from "./preferences-model";
import { startGuestSession, visitorPermissions } from "./request";
import { type Session } from "./types";

/** Saves preferences, starting a guest session when there is none (a preference is state). */
export async function setPreferences(
  ctx: Ctx,
  input: z.infer<typeof preferencesInput>,
): Promise<{ session: Session; preferences: Preferences }> {
  requireScope(visitorPermissions(ctx.session), "view_content");
  const session = ctx.session ?? (await startGuestSession(ctx));
  const preferences: Preferences = { ...session.preferences, ...input };
  const data = { preferences: preferencesColumn.encode(preferences) };
  if (session.type === "anonymous") await db.guestSession.update({ where: { id: session.id }, data });
  else await db.user.update({ where: { id: session.userId }, data });
  await ctx.cookies.setPreferences({ expiresAt: session.expiresAt, preferences });
  return { session: { ...session, preferences }, preferences };
}
