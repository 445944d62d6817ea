import { LocalTime } from "@/components/local-time";
import type { Metadata } from "next";
import { ServerVisitor } from "@/components/server-visitor";
import { listOutbox } from "@/lib/mail/outbox";
import { currentSession } from "@/lib/server/session-cookie";

export const metadata: Metadata = { title: "Outbox" };

// The development outbox: what this shop would have e-mailed you (an admin sees everything).
export default async function OutboxPage() {
  const session = await currentSession();
  const messages = await listOutbox(session);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <ServerVisitor session={session} />
      <header className="space-y-1">
        <h1 className="text-3xl font-semibold tracking-tight">Outbox</h1>
        <p className="text-stone-600">No mail leaves this demo. Messages it would have sent you are kept here.</p>
      </header>
      {messages.length === 0 ? (
        <p className="rounded-xl border border-stone-200 bg-white p-5 text-stone-600">Nothing has been sent to you.</p>
      ) : (
        <ul aria-label="Messages" className="space-y-4">
          {messages.map((m) => (
            <li key={`${m.createdAt}-${m.to}`} className="rounded-xl border border-stone-200 bg-white p-5">
              <article aria-label={m.subject}>
                <p className="text-sm text-stone-500">
                  To {m.to} · <LocalTime at={m.createdAt} />
                </p>
                <h2 className="text-lg font-semibold">{m.subject}</h2>
                <pre className="mt-2 whitespace-pre-wrap break-all font-sans text-sm text-stone-700">{m.text}</pre>
                {m.links.map((link) => (
                  <a key={link} href={link} className="mt-2 inline-block font-medium text-brand-700 underline">
                    Open the link
                  </a>
                ))}
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
