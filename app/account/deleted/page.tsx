import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Account deleted" };

/** Where deleting an account lands: what was removed (counts only: the account is gone). */
export default async function AccountDeletedPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const count = (key: string) => {
    const n = Number(params[key]);
    return Number.isInteger(n) && n >= 0 ? n : null;
  };
  const rows: [number | null, string][] = [
    [count("sessions"), "signed-in sessions ended"],
    [count("cards"), "saved cards removed"],
    [count("saved"), "saved items removed"],
    [count("orders"), "orders kept anonymously, without your name, e-mail or address"],
  ];
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">Your account is deleted</h1>
      <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-brand-900">
        Your account and everything personal in it are gone: your e-mail address, password, cart, saved items, saved cards,
        messages and preferences. This browser is logged out.
      </p>
      {rows.some(([n]) => n !== null) && (
        <ul aria-label="What was removed" className="list-disc space-y-1 pl-5 text-stone-700">
          {rows.filter(([n]) => n !== null).map(([n, label]) => <li key={label}>{n} {label}</li>)}
        </ul>
      )}
      <p><Link href="/" className="font-medium text-brand-700 underline">Back to the shop</Link></p>
    </div>
  );
}
