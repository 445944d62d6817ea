// Every JSON route and the methods it answers: the proxy (proxy.ts) answers an unknown /api path
// with 404 not_found and a known path's other methods with 405 method_not_allowed and `Allow`,
// both as JSON, before Next routes the request. tests/api-routes.test.ts holds this table to the
// route handlers' exports, so it cannot drift from app/api.

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export const API_ROUTES: Record<string, readonly Method[]> = {
  "/api/admin/analytics": ["GET"],
  "/api/auth/login": ["POST"],
  "/api/auth/logout": ["POST"],
  "/api/auth/signup": ["POST"],
  "/api/cart": ["GET"],
  "/api/cart/email": ["POST"],
  "/api/cart/items": ["POST"],
  "/api/cart/items/[productId]": ["PATCH", "DELETE"],
  "/api/checkout": ["POST"],
  "/api/health": ["GET"],
  "/api/orders": ["GET"],
  "/api/orders/[id]": ["GET"],
  "/api/outbox": ["GET"],
  "/api/payment-methods": ["POST"],
  "/api/preferences": ["PUT"],
  "/api/products": ["GET"],
  "/api/session": ["GET", "POST", "DELETE"],
  "/api/visitor": ["GET", "POST"],
};

const compiled = Object.entries(API_ROUTES).map(([route, methods]) => ({
  pattern: new RegExp(`^${route.replace(/\[[^\]]+\]/g, "[^/]+")}/?$`),
  methods,
}));

/** The methods a path answers (HEAD with GET, OPTIONS always), or null for an unknown path. */
export function allowedMethods(pathname: string): string[] | null {
  const route = compiled.find((r) => r.pattern.test(pathname));
  if (!route) return null;
  return [...route.methods, ...(route.methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
}
