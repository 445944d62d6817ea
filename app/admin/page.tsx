import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { BarChart, DailyChart } from "@/components/charts";
import { ServerVisitor } from "@/components/server-visitor";
import { analytics, buildFunnel } from "@/lib/admin/analytics";
import { CART_CHOICE_WORDS, CART_CHOICES } from "@/lib/cart/merge";
import { CTA_COPY } from "@/lib/journeys/experiments";
import { EXPERIMENT } from "@/lib/session/variant";
import { currentSession } from "@/lib/server/session-cookie";

export const metadata: Metadata = { title: "Journeys" };

const percent = (x: number) => `${Math.round(x * 100)}%`;

// The admin dashboard: anonymous vs authenticated journeys, at a glance.
export default async function AdminPage() {
  const session = await currentSession();
  if (!session?.permissions.includes("view_analytics"))
    redirect(session?.type === "authenticated" ? "/account" : "/login");
  const a = await analytics(session);
  const variants = a.experiments[EXPERIMENT];
  return (
    <div className="space-y-6">
      <ServerVisitor session={session} />
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-semibold tracking-tight">Journeys</h1>
          <p className="text-stone-600">Anonymous and signed-in visitors, from first visit to purchase.</p>
          <Link href="/admin/sessions" className="text-sm font-medium text-brand-700 underline">
            Look up and end sessions
          </Link>
        </div>
        <dl className="flex gap-6 text-sm">
          <div>
            <dt className="text-stone-500">Guests converted</dt>
            <dd className="text-2xl font-semibold">{percent(a.conversionRate)}</dd>
          </div>
          <div>
            <dt className="text-stone-500">Carts migrated</dt>
            <dd className="text-2xl font-semibold">{a.cartsMigrated}</dd>
          </div>
        </dl>
      </header>
      <div className="grid gap-6 lg:grid-cols-2">
        <BarChart
          title="Funnel: guest session → cart → checkout → order"
          caption="Guest sessions that reached each step (a guest who signs up keeps their journey)."
          bars={buildFunnel(a.funnel).map((s) => ({ label: s.stage, value: s.sessions, note: percent(s.ofStart) }))}
        />
        <DailyChart title="Guests converted to accounts, last 14 days" days={a.conversionsByDay} />
        <BarChart
          title="Carts migrated, by the shopper's choice"
          bars={CART_CHOICES.map((choice) => ({
            label: CART_CHOICE_WORDS[choice].label,
            value: a.cartChoices[choice],
          }))}
        />
        <BarChart
          title={`A/B test ${EXPERIMENT}: sign-ups after seeing the prompt`}
          caption={`A: “${CTA_COPY.A.button}” · B: “${CTA_COPY.B.button}”`}
          bars={(["A", "B"] as const).map((v) => ({
            label: `variant ${v}`,
            value: variants[v].converted,
            note: `of ${variants[v].exposed} shown, ${percent(variants[v].conversionRate)}`,
          }))}
        />
        <BarChart
          title="Guest sessions now"
          bars={[
            { label: "active", value: a.guestSessions.active },
            { label: "expired", value: a.guestSessions.expired },
            { label: "converted", value: a.guestSessions.converted },
            { label: "ended by the guest", value: a.guestSessions.revoked },
          ]}
        />
        <BarChart
          title="Events: anonymous vs authenticated"
          bars={[
            { label: "anonymous", value: a.events.anonymous },
            { label: "authenticated", value: a.events.authenticated },
          ]}
        />
      </div>
    </div>
  );
}
