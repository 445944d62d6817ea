import { z } from "zod";
import { type Currency } from "./currency";
import { db } from "./db";
import { requireScope } from "./permissions";
import { currencyOf, preferencesInput, type Preferences } from "./preferences-model";
import { currentSession, sessionForAction, startGuestSession, visitorPermissions, writeCurrencyHint, type Session } from "./session";

/** The currency prices are shown in for the current visitor (USD without a session). */
export async function shopperCurrency(): Promise<Currency> {
  return currencyOf((await currentSession())?.preferences ?? {});
}

/** Saves preferences, starting a guest session when there is none (a preference is state). */
export async function setPreferences(input: z.infer<typeof preferencesInput>): Promise<{ session: Session; preferences: Preferences }> {
  const existing = await sessionForAction();
  requireScope(visitorPermissions(existing), "view_content");
  const session = existing ?? (await startGuestSession());
  const preferences: Preferences = { ...session.preferences, ...input };
  const data = { preferences: JSON.stringify(preferences) };
  if (session.type === "anonymous") await db.guestSession.update({ where: { id: session.id }, data });
  else await db.user.update({ where: { id: session.userId }, data });
  await writeCurrencyHint({ expiresAt: session.expiresAt, preferences });
  return { session: { ...session, preferences }, preferences };
}
