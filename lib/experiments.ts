import crypto from "node:crypto";

// A/B assignment: deterministic from the guest session id, so the same session always sees the
// same variant, and about half of all sessions see each.

export const EXPERIMENT = "cta_copy";
export type Variant = "A" | "B";

export function variantFor(sessionId: string): Variant {
  const firstByte = crypto.createHash("sha256").update(`${EXPERIMENT}:${sessionId}`).digest()[0];
  return firstByte % 2 === 0 ? "A" : "B";
}
