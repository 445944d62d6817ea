import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AdminTable } from "@/components/admin-table";
import { BarChart, DailyChart } from "@/components/charts";
import { ServerVisitor } from "@/components/server-visitor";
import { TextField } from "@/components/text-field";
import { analytics, buildFunnel } from "@/lib/admin/analytics";
import { DEFAULT_RANGE_DAYS } from "@/lib/admin/range";
import { dashboardTables } from "@/lib/admin/tables";
import { CART_CHOICE_WORDS, CART_CHOICES } from "@/lib/cart/merge";
import { formatMoney } from "@/lib/catalog/currency";
import { DomainError, problemsByField } from "@/lib/errors";
import { CTA_COPY } from "@/lib/journeys/experiments";
import { currentSession } from "@/lib/server/session-cookie";

export const metadata: Metadata = { title: "Journeys" };

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// The admin dashboard: anonymous vs authenticated journeys, for a date range (a GET form, so it
// works without JavaScript and a range can be bookmarked).
export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const session = await currentSession();
  if (!session?.permissions.includes("view_analytics"))
    redirect(session?.type === "authenticated" ? "/account" : "/login");
  const params = await searchParams;
  const asked = { from: first(params.from), to: first(params.to) };
  let problems: Record<string, string> = {};
  let a;
  try {
    a = await analytics(session, new Date(), asked);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "invalid_input") throw error;
    problems = problemsByField(error);
    a = await analytics(session);
  }
  const tables = dashboardTables(a);
  const csv = (table: string) => `/api/admin/analytics.csv?table=${table}&from=${a.range.from}&to=${a.range.to}`;
  const j = a.journeys;
  const ab = a.abTest;
  return (
    <div className="space-y-8">
      <ServerVisitor session={session} />
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold tracking-tight">Journeys</h1>
        <p className="text-stone-600">
          Anonymous and signed-in visitors, from first visit to purchase. A journey is one guest from their first cart
          write to the end of their guest session; checking out gives the guest a new session id, which is still the
          same journey.
        </p>
        <Link href="/admin/sessions" className="text-sm font-medium text-brand-700 underline">
          Look up and end sessions
        </Link>
      </header>

      <section aria-labelledby="all-time" className="space-y-3">
        <h2 id="all-time" className="text-xl font-semibold">
          All time
        </h2>
        <dl className="flex flex-wrap gap-x-8 gap-y-3 text-sm">
          <div>
            <dt className="text-stone-600">Guests converted</dt>
            <dd className="text-2xl font-semibold">{percent(a.conversionRate)}</dd>
            <dd className="max-w-xs text-stone-600">
              of {a.funnel.guestSessions.toLocaleString("en-US")} guest journeys became an account: a sign-up or a
              log-in from the guest session.
            </dd>
          </div>
          <div>
            <dt className="text-stone-600">Carts migrated</dt>
            <dd className="text-2xl font-semibold">{a.cartsMigrated}</dd>
            <dd className="max-w-xs text-stone-600">guest carts with items that moved into an account.</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="range" className="space-y-4">
        <h2 id="range" className="text-xl font-semibold">
          From {a.range.from} to {a.range.to}
        </h2>
        <form method="get" action="/admin" className="flex flex-wrap items-start gap-4" aria-label="Date range">
          <TextField
            label="From"
            name="from"
            type="date"
            defaultValue={asked.from ?? a.range.from}
            error={problems.from}
          />
          <TextField label="To" name="to" type="date" defaultValue={asked.to ?? a.range.to} error={problems.to} />
          <div className="pt-6">
            <button
              type="submit"
              className="rounded-full bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900"
            >
              Show
            </button>
          </div>
        </form>
        {Object.keys(problems).length > 0 && (
          <p role="alert" className="text-sm text-red-700">
            That range can&apos;t be shown; these are the last {DEFAULT_RANGE_DAYS} days instead.
          </p>
        )}
        <p className="text-sm text-stone-600">Whole days in UTC, both ends included.</p>
        <dl className="grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
          <Figure term="Guest journeys started" value={j.journeys.toLocaleString("en-US")} />
          <Figure
            term="Converted to an account"
            value={percent(j.conversionToAccount)}
            note={`${j.signups} sign-ups and ${j.logins} log-ins from a guest session, of the journeys started in the range.`}
          />
          <Figure
            term="Converted to an order"
            value={percent(j.conversionToOrder)}
            note={`${j.guestOrders} orders placed by guests, of the journeys started in the range.`}
          />
          <Figure term="Orders" value={a.orders.count.toLocaleString("en-US")} note="by guests and members." />
          <Figure
            term="Revenue"
            value={a.orders.byCurrency.map((c) => formatMoney(c.revenue)).join(" · ") || "none"}
            note="per currency the orders were paid in."
          />
          <Figure
            term="Average order value"
            value={a.orders.byCurrency.map((c) => formatMoney(c.averageOrderValue)).join(" · ") || "none"}
          />
          <Figure
            term="Carts e-mailed"
            value={a.carts.emailed.toLocaleString("en-US")}
            note={`${a.carts.restored} restored from the e-mailed link.`}
          />
          <Figure
            term="Carts abandoned"
            value={a.carts.abandoned.toLocaleString("en-US")}
            note="guest journeys that ended (idle, out of time, or ended by the guest) with items in the cart."
          />
        </dl>
        <div className="grid gap-6 lg:grid-cols-2">
          <DailyChart
            title="Guest journeys and accounts, per day"
            legend={["guest journeys started", "converted to accounts"]}
            days={a.daily.map((d) => ({ date: d.date, values: [d.journeys, d.signups + d.logins] }))}
          />
          <DailyChart
            title="Guest journeys and orders, per day"
            legend={["guest journeys started", "orders by guests"]}
            days={a.daily.map((d) => ({ date: d.date, values: [d.journeys, d.guestOrders] }))}
          />
        </div>
        <AdminTable id="table-daily" table={tables.daily} csvHref={csv("daily")} />
        <div className="grid gap-6 lg:grid-cols-2">
          <AdminTable id="table-orders" table={tables.orders} csvHref={csv("orders")} />
          <AdminTable id="table-carts" table={tables.carts} csvHref={csv("carts")} />
        </div>
      </section>

      <section aria-labelledby="ab" className="space-y-3">
        <h2 id="ab" className="text-xl font-semibold">
          A/B test: the sign-up prompt
        </h2>
        <p className="text-sm text-stone-600">
          Guests see one of two prompts (A: “{CTA_COPY.A.button}”, B: “{CTA_COPY.B.button}”), chosen from their session
          id. Conversion is the share of guests shown a prompt who then signed up or logged in, with a 95% Wilson
          interval, since the test began.
        </p>
        <AdminTable id="table-ab-test" table={tables["ab-test"]} csvHref={csv("ab-test")} />
        <p className="text-sm font-medium">
          {!ab.enoughData
            ? `Not enough data yet: the test needs ${ab.rule}.`
            : ab.pValue !== null && ab.pValue < 0.05
              ? `The difference is significant at the 5% level (two-proportion z-test, p = ${ab.pValue.toFixed(3)}).`
              : `No significant difference at the 5% level (two-proportion z-test, p = ${ab.pValue?.toFixed(3) ?? "—"}).`}
        </p>
      </section>

      <section aria-labelledby="charts" className="space-y-3">
        <h2 id="charts" className="text-xl font-semibold">
          All time, in charts
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          <BarChart
            title="Funnel: guest session → cart → checkout → order"
            caption="Guest journeys that reached each step (a guest who checks out or signs up keeps their journey)."
            bars={buildFunnel(a.funnel).map((s) => ({
              label: s.stage,
              value: s.sessions,
              note: `${Math.round(s.ofStart * 100)}%`,
            }))}
          />
          <BarChart
            title="Carts migrated: taken whole at sign-up, or by the shopper's choice at log-in"
            bars={[
              { label: "sign-up (no choice)", value: a.signupCarts },
              ...CART_CHOICES.map((choice) => ({
                label: `log-in: ${CART_CHOICE_WORDS[choice].label}`,
                value: a.cartChoices[choice],
              })),
            ]}
          />
          <BarChart
            title="Guest journeys now"
            bars={[
              { label: "active", value: a.guestSessions.active },
              { label: "expired", value: a.guestSessions.expired },
              { label: "converted", value: a.guestSessions.converted },
              { label: "ended by the guest or an admin", value: a.guestSessions.revoked },
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
      </section>
    </div>
  );
}

function Figure({ term, value, note }: { term: string; value: string; note?: string }) {
  return (
    <div className="rounded-xl border border-stone-200 bg-white p-4">
      <dt className="text-stone-600">{term}</dt>
      <dd className="text-2xl font-semibold break-words">{value}</dd>
      {note && <dd className="text-stone-600">{note}</dd>}
    </div>
  );
}
