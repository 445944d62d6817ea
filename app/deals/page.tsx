import type { Metadata } from "next";
import { ServerVisitor } from "@/components/server-visitor";
import { SignupPrompt } from "@/components/signup-prompt";
import { DEALS, teaserOf } from "@/lib/journeys/deals";
import { variantOf } from "@/lib/session/variant";
import { recordExposure } from "@/lib/journeys/exposure";
import { after } from "next/server";
import { currentSession } from "@/lib/server/session-cookie";
import { visitorPermissions } from "@/lib/session/request";

export const metadata: Metadata = { title: "Members' deals" };

// Content preview: members read the offers whole; everyone else sees titles, the first words
// under a blur, and the sign-up prompt whose wording is the A/B test.
export default async function DealsPage() {
  const session = await currentSession();
  const member = visitorPermissions(session).includes("view_member_content");
  // Pages only read while rendering: the exposure is written after the response.
  if (!member) after(() => recordExposure(session));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <ServerVisitor session={session} />
      <header className="space-y-1">
        <h1 className="text-3xl font-semibold tracking-tight">Members&rsquo; deals</h1>
        <p className="text-stone-600">
          {member
            ? "Your offers this month. This demo's checkout takes no codes: they show what a members' page holds."
            : "Offers for members, to show what a members-only page holds (this demo's checkout takes no codes). Here is a taste."}
        </p>
      </header>
      {!member && <SignupPrompt variant={variantOf(session)} />}
      <ul aria-label="Deals" className="space-y-4">
        {DEALS.map((deal) => (
          <li key={deal.slug} className="rounded-xl border border-stone-200 bg-white p-5">
            <h2 className="text-lg font-semibold">{deal.title}</h2>
            {member ? (
              <>
                <p className="mt-1 text-stone-700">{deal.body}</p>
                <p className="mt-2 text-sm">
                  Code: <code className="rounded bg-stone-100 px-1.5 py-0.5 font-semibold">{deal.code}</code>
                </p>
              </>
            ) : (
              <div className="relative mt-1">
                <p className="text-stone-700">{teaserOf(deal)}</p>
                {/* Decoration only: the rest of the text is not in the page. */}
                <p aria-hidden className="select-none text-stone-700 blur-sm">
                  Members read the whole offer here, with its code and the small print that goes with it.
                </p>
                <p className="mt-2 text-sm font-medium text-brand-700">Members only</p>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
