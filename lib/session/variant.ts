import crypto from "node:crypto";

// A session's A/B variant: deterministic from the guest session id, so the same session always
// sees the same variant, and about half of all sessions see each. Given at creation; what each
// variant shows is lib/journeys/experiments.ts's.

export const EXPERIMENT = "cta_copy";
export type Variant = "A" | "B";

export function variantFor(sessionId: string): Variant {
  const firstByte = crypto.createHash("sha256").update(`${EXPERIMENT}:${sessionId}`).digest().readUInt8(0);
  return firstByte % 2 === 0 ? "A" : "B";
}

/** A session without a variant (none yet, or one that predates the experiment) sees A. */
export const variantOf = (session: { variant: string | null } | null): Variant =>
  session?.variant === "B" ? "B" : "A";
