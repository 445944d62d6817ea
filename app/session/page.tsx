import type { Metadata } from "next";
import { Countdown } from "@/components/countdown";
import { LocalTime } from "@/components/local-time";
import { ActionButton } from "@/components/action-button";
import { endSessionAction, startSessionAction } from "../../actions/session";
import { config } from "@/lib/config";
import { SCOPES, SCOPE_DESCRIPTIONS } from "@/lib/permissions";
import { currentSession } from "@/lib/server/session-cookie";
import { visitorPermissions } from "@/lib/session/request";
import { sessionJson } from "@/lib/session/json";
import { ServerVisitor } from "@/components/server-visitor";
import { requestTime } from "@/lib/server/request";

export const metadata: Metadata = { title: "Your session" };

function hours(seconds: number) {
  return seconds % 3600 === 0 ? `${seconds / 3600} hours` : `${Math.round(seconds / 60)} minutes`;
}

export default async function SessionPage() {
  const session = await currentSession();
  const granted = visitorPermissions(session);
  const ttl = config().guestSessionTtl;
  const viewDays = config().viewRetentionDays;

  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <ServerVisitor session={session} />
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold tracking-tight">Your session</h1>
        <p className="text-stone-600">
          What this shop knows about you, and why. Guest sessions are anonymous: an id, an expiry and your cart, linked
          to no real identity.
        </p>
      </header>

      {session ? (
        <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-5" aria-labelledby="current">
          <h2 id="current" className="text-xl font-semibold">
            {session.type === "anonymous" ? "You have a guest session" : `You are signed in as ${session.email}`}
          </h2>
          <p>
            It ends in{" "}
            <Countdown
              until={session.expiresAt.toISOString()}
              serverNow={requestTime()}
              offerEmail={session.type === "anonymous"}
            />
            , at <LocalTime at={session.expiresAt.toISOString()} />. The end is fixed {hours(ttl)} after it started;
            using the shop does not extend it.
          </p>
          {session.idleExpiresAt < session.expiresAt && (
            <p>
              Left unused, it ends sooner:{" "}
              {hours(session.type === "anonymous" ? config().guestIdleTimeout : config().userIdleTimeout)} after your
              last visit, in{" "}
              <Countdown
                until={session.idleExpiresAt.toISOString()}
                serverNow={requestTime()}
                testId="idle-countdown"
              />
              , unless you come back before. So a {session.type === "anonymous" ? "guest session" : "signed-in session"}{" "}
              left open on a shared computer does not stay live{" "}
              {session.type === "anonymous" ? "all day" : "until the next day"}.
            </p>
          )}
          {/* A named region (a plain <pre> may not be named, ARIA 1.2), focusable so a keyboard can scroll it. */}
          <pre
            role="region"
            aria-label="Session as JSON"
            tabIndex={0}
            className="whitespace-pre-wrap break-all rounded-lg bg-stone-900 p-4 text-xs leading-relaxed text-stone-100 focus:outline-2 focus:outline-brand-600"
          >
            {JSON.stringify(await sessionJson(session), null, 2)}
          </pre>
          {session.type === "anonymous" && (
            <ActionButton
              action={endSessionAction}
              variant="secondary"
              pendingText="Ending…"
              confirm={{
                question: "End this guest session? Its cart and choices go with it, and this can't be undone.",
                yes: "Yes, end it",
                no: "Keep my session",
              }}
            >
              End this guest session
            </ActionButton>
          )}
        </section>
      ) : (
        <section className="space-y-3 rounded-xl border border-stone-200 bg-white p-5" aria-labelledby="none">
          <h2 id="none" className="text-xl font-semibold">
            You have no session
          </h2>
          <p className="text-stone-700">
            Browsing alone creates none: no cookie and no session. What is kept is a count of the pages opened (the page
            and the time, linked to no one and to no address), deleted after {viewDays} days. A guest session starts the
            first time you do something that needs one — adding to your cart or choosing a currency — and lasts{" "}
            {hours(ttl)}.
          </p>
          <ActionButton action={startSessionAction} pendingText="Starting…">
            Start a guest session
          </ActionButton>
        </section>
      )}

      <section className="space-y-3" aria-labelledby="permissions">
        <h2 id="permissions" className="text-xl font-semibold">
          {session?.type === "authenticated" ? "What this session may do" : "What a guest may do"}
        </h2>
        <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white">
          {SCOPES.map((scope) => {
            const allowed = granted.includes(scope);
            return (
              <li key={scope} className="flex items-start gap-3 px-5 py-3">
                <span aria-hidden className={allowed ? "text-brand-700" : "text-stone-400"}>
                  {allowed ? "✓" : "✕"}
                </span>
                <div>
                  <code className="text-sm">{scope}</code>
                  <span className="sr-only">{allowed ? " (allowed)" : " (not allowed)"}</span>
                  <p className={`text-sm ${allowed ? "text-stone-800" : "text-stone-500"}`}>
                    {SCOPE_DESCRIPTIONS[scope]}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="space-y-2 rounded-xl border border-brand-100 bg-brand-50 p-5" aria-labelledby="signup">
        <h2 id="signup" className="text-xl font-semibold">
          What happens when you sign up
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-stone-700">
          <li>You get a new session with a new id; this guest id is never promoted to an account.</li>
          <li>Your cart, preferences, activity and any guest orders move into the account in one step.</li>
          <li>This guest session is then marked converted, and its old cookie never works again.</li>
        </ul>
      </section>
    </div>
  );
}
