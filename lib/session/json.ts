import { cartOf } from "../cart/cart";
import { EXPERIMENT } from "../journeys/experiments";
import { currencyOf } from "./preferences-model";
import type { Session } from "./session";

// The session in the API's documented JSON shape, shared by GET /api/session and the /session page.

export async function sessionJson(session: Session) {
  const cart = await cartOf(session);
  const data = {
    cartItems: cart.items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
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
      migratedFrom: session.migratedFrom,
      data,
    },
  };
}
