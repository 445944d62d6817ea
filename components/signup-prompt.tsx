import Link from "next/link";
import { CTA_COPY } from "@/lib/journeys/experiments";
import { type Variant } from "@/lib/session/variant";

/** The sign-up prompt under test (experiment cta_copy): its wording depends on the variant. */
export function SignupPrompt({ variant }: { variant: Variant }) {
  const copy = CTA_COPY[variant];
  return (
    <section
      aria-labelledby="signup-prompt"
      data-variant={variant}
      className="rounded-2xl border border-brand-100 bg-brand-50 p-6"
    >
      <h2 id="signup-prompt" className="text-xl font-semibold text-brand-900">
        {copy.heading}
      </h2>
      <p className="mt-1 text-stone-700">{copy.body}</p>
      <div className="mt-4 flex flex-wrap gap-3">
        <Link
          href="/signup"
          className="rounded-full bg-brand-700 px-5 py-2.5 font-medium text-white hover:bg-brand-900"
        >
          {copy.button}
        </Link>
        <Link
          href="/login"
          className="rounded-full border border-stone-300 bg-white px-5 py-2.5 font-medium hover:border-brand-600"
        >
          Log in
        </Link>
      </div>
    </section>
  );
}
