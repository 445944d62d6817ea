import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { cartOf } from "@/lib/cart/cart";
import { currentSession } from "@/lib/server/session-cookie";
import { readFlash } from "@/lib/server/flash";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage() {
  const session = await currentSession();
  if (session?.type === "authenticated") redirect("/account");
  // Left by the log-out and end-session actions, never read from the address.
  const [cart, loggedOut] = await Promise.all([cartOf(session), readFlash("logged_out")]);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Log in</h1>
      {loggedOut?.reason === "ended_here" && (
        <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm text-brand-900">
          You ended the session of this browser, so you are logged out here. Log in again to continue.
        </p>
      )}
      {loggedOut?.reason === "asked" && (
        <p role="status" className="rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm text-brand-900">
          You are logged out. Your account keeps its cart, saved items and orders for when you log in again.
        </p>
      )}
      {cart.count > 0 ? (
        <p className="rounded-lg bg-brand-50 p-3 text-sm text-brand-900">
          This browser&apos;s cart ({cart.count} {cart.count === 1 ? "item" : "items"}) comes with you when you log in.
        </p>
      ) : null}
      <LoginForm />
    </div>
  );
}
