import type { Metadata } from "next";
import Link from "next/link";
import { guestLimits } from "@/lib/session/lifetime";

export const metadata: Metadata = { title: "How Passerby works" };

// A fully static page: also the yardstick that `npm run bench` compares the catalog pages to.
export default function AboutPage() {
  return (
    <article className="mx-auto max-w-2xl space-y-4 leading-relaxed text-stone-700">
      <h1 className="text-3xl font-semibold tracking-tight text-stone-900">How Passerby works</h1>
      <p>
        You can browse, fill a cart and check out without an account. Browsing alone stores nothing about you. The first
        time you add something to your cart or pick a currency, we start a <strong>guest session</strong>: an encrypted
        cookie that holds only a random id and an expiry, backed by a row on our side.
      </p>
      <ul className="list-disc space-y-2 pl-6">
        <li>
          A guest session ends after {guestLimits().idle}, and at the latest {guestLimits().absolute}. It can do a few
          things only: browse, keep a cart, check out.
        </li>
        <li>
          You can end it yourself on{" "}
          <Link href="/session" className="text-brand-700 underline">
            Your session
          </Link>
          ; its cookie stops working at once.
        </li>
        <li>
          When you sign up or log in, everything you did as a guest moves into your account, once, and we tell you what
          moved.
        </li>
      </ul>
      <p>Nothing here is a real shop: payments are a demo and no e-mail leaves the machine.</p>
    </article>
  );
}
