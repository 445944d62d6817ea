import type { Variant } from "../session/variant";

// The A/B experiment's wording: what each variant (lib/session/variant.ts) sees.

/** The sign-up prompt's wording under test. */
export const CTA_COPY: Record<Variant, { heading: string; body: string; button: string }> = {
  A: {
    heading: "Members see every deal",
    body: "Create a free account to read the offers in full. Your cart comes with you.",
    button: "Create an account",
  },
  B: {
    heading: "Read the members' offers in 10 seconds",
    body: "Sign up with an e-mail and a password: everything in your cart moves into your account.",
    button: "Join free and keep my cart",
  },
};
