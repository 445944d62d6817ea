import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EndSessionAsAdminButton } from "@/components/admin-sessions";
import { ServerVisitor } from "@/components/server-visitor";
import { DomainError } from "@/lib/errors";
import { readFlash } from "@/lib/server/flash";
import { currentSession } from "@/lib/server/session-cookie";
import { findSessions, type AdminSessionView } from "@/lib/admin/sessions";

export const metadata: Metadata = { title: "Sessions" };

const when = (iso: string) => new Date(iso).toUTCString();

// The admin's session control: look a session up, see its state and history, end it.
export default async function AdminSessionsPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const session = await currentSession();
  if (!session?.permissions.includes("manage_sessions"))
    redirect(session?.type === "authenticated" ? "/account" : "/login");
  const { q = "" } = await searchParams;
  const ended = (await readFlash("admin_ended"))?.hash; // set by the action that ended it, never read from the address
  let results: AdminSessionView[] | null = null;
  let problem: string | null = null;
  if (q.trim()) {
    try {
      results = await findSessions(session, q);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problem = error.message;
    }
  }
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <ServerVisitor session={session} />
      <header className="space-y-1">
        <h1 className="text-3xl font-semibold tracking-tight">Sessions</h1>
        <p className="text-stone-600">
          Find a session by the hash the security log names it by, or every session of an account by its e-mail, and end
          it: its cookie is refused from the next request on.{" "}
          <Link href="/admin" className="font-medium text-brand-700 underline">
            Back to the journeys
          </Link>
        </p>
      </header>
      <form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1 space-y-1">
          <label htmlFor="q" className="block text-sm font-medium">
            Session hash or account e-mail
          </label>
          <input
            id="q"
            name="q"
            defaultValue={q}
            required
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "q-error" : undefined}
            className="w-full rounded-lg border border-stone-300 bg-white px-3 py-2"
          />
        </div>
        <button
          type="submit"
          className="rounded-full bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900"
        >
          Look up
        </button>
      </form>
      {problem && (
        <p id="q-error" role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
      {ended && (
        <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-3 text-brand-900">
          Session {ended} is ended.
        </p>
      )}
      {results && results.length === 0 && (
        <p role="status" className="text-stone-600">
          No session matches “{q}”.
        </p>
      )}
      {results && results.length > 0 && (
        <ul aria-label="Sessions found" className="space-y-4">
          {results.map((s) => (
            <li key={s.hash} className="space-y-2 rounded-xl border border-stone-200 bg-white p-5 text-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <p className="font-semibold">
                    {s.kind === "guest" ? "Guest session" : `Member session of ${s.email}`} ·{" "}
                    <span className="uppercase">{s.status}</span>
                  </p>
                  <p className="font-mono text-xs text-stone-500">{s.hash}</p>
                </div>
                {s.status === "active" && <EndSessionAsAdminButton hash={s.hash} q={q} />}
              </div>
              <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-stone-700 sm:grid-cols-4">
                {s.device && (
                  <div>
                    <dt className="text-stone-500">Device</dt>
                    <dd>{s.device}</dd>
                  </div>
                )}
                <div>
                  <dt className="text-stone-500">Started</dt>
                  <dd>{when(s.createdAt)}</dd>
                </div>
                <div>
                  <dt className="text-stone-500">Last seen</dt>
                  <dd>{when(s.lastSeenAt)}</dd>
                </div>
                <div>
                  <dt className="text-stone-500">{s.endedAt ? "Ended" : "Expires"}</dt>
                  <dd>{when(s.endedAt ?? s.expiresAt)}</dd>
                </div>
              </dl>
              {s.history.length > 0 && (
                <details>
                  <summary className="cursor-pointer font-medium">History ({s.history.length})</summary>
                  <ol aria-label="What this session did" className="mt-1 space-y-0.5 text-stone-600">
                    {s.history.map((h, i) => (
                      <li key={i}>
                        {when(h.at)} — {h.what}
                      </li>
                    ))}
                  </ol>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
