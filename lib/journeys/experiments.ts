import crypto from "node:crypto";

// A/B assignment: deterministic from the guest session id, so the same session always sees the
// same variant, and about half of all sessions see each.

export const EXPERIMENT = "cta_copy";
export type Variant = "A" | "B";

export function variantFor(sessionId: string): Variant {
  const firstByte = crypto.createHash("sha256").update(`${EXPERIMENT}:${sessionId}`).digest()[0];
  return firstByte % 2 === 0 ? "A" : "B";
}

/** The sign-up prompt's wording under test. */
export const CTA_COPY: Record<Variant, { heading: string; body: string; button: string }> = {
  A: {
    heading: "Members see every deal",
    body: "Create a free account to read the offers in full. Your cart comes with you.",
    button: "Create an account",
  },
  B: {
    heading: "Unlock members-only prices in 10 seconds",
    body: "Sign up with an e-mail and a password: everything in your cart moves into your account.",
    button: "Join free and keep my cart",
  },
};

/** A session without a variant (none yet, or one that predates the experiment) sees A. */
export const variantOf = (session: { variant: string | null } | null): Variant => (session?.variant === "B" ? "B" : "A");
