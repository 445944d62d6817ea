import { cartQuantities } from "./store";
import { EXPERIMENT } from "./variant";
import { currencyOf } from "./preferences-model";
import { ownerOf, type Session } from "./types";

// The session in the API's documented JSON shape, shared by GET /api/session and the /session page.

/**
 * `isNew`: the session was made by this request, so it has no cart to read yet. A session read
 * with its cart (`cartItems`, GET /api/session) needs no second read.
 */
export async function sessionJson(session: Session, isNew = false) {
  const data = {
    cartItems: isNew ? [] : (session.cartItems ?? (await cartQuantities(ownerOf(session)))),
    preferences: { currency: currencyOf(session) },
    experiments: session.variant ? { [EXPERIMENT]: session.variant } : {},
  };
  const common = {
    sessionId: session.id,
    type: session.type,
    permissions: session.permissions,
    createdAt: session.createdAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
  if (session.type === "anonymous") {
    return { anonymousSession: { ...common, idleExpiresAt: session.idleExpiresAt.toISOString(), data } };
  }
  return {
    authenticatedSession: {
      ...common,
      userId: session.userId,
      email: session.email,
      idleExpiresAt: session.idleExpiresAt.toISOString(),
      migratedFrom: session.migratedFrom,
      data,
    },
  };
}
