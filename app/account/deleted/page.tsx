import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { readFlash } from "@/lib/server/flash";

export const metadata: Metadata = { title: "Account deleted" };

/**
 * Where deleting an account lands: what was removed (counts only: the account is gone). Said
 * only to the browser whose deletion left the flash (deleteAccountAction): the address carries
 * nothing, so a crafted link tells no visitor their account is deleted.
 */
export default async function AccountDeletedPage() {
  const deleted = await readFlash("account_deleted");
  if (!deleted) redirect("/");
  const rows: [number, string][] = [
    [deleted.sessions, "signed-in sessions ended"],
    [deleted.cards, "saved cards removed"],
    [deleted.saved, "saved items removed"],
    [deleted.orders, "orders kept anonymously, without your name, e-mail or address"],
  ];
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-3xl font-semibold tracking-tight">Your account is deleted</h1>
      <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-brand-900">
        Your account and everything personal in it are gone: your e-mail address, password, cart, saved items, saved
        cards, messages and preferences. This browser is logged out.
      </p>
      <ul aria-label="What was removed" className="list-disc space-y-1 pl-5 text-stone-700">
        {rows.map(([n, label]) => (
          <li key={label}>
            {n} {label}
          </li>
        ))}
      </ul>
      <p>
        <Link href="/" className="font-medium text-brand-700 underline">
          Back to the shop
        </Link>
      </p>
    </div>
  );
}
