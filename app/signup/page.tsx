import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignupForm } from "@/components/signup-form";
import { cartOf } from "@/lib/cart";
import { currentSession } from "@/lib/session";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignupPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const session = await currentSession();
  if (session?.type === "authenticated") redirect("/account");
  const cart = await cartOf(session);
  const { email } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Create an account</h1>
      {cart.count > 0 ? (
        <p className="rounded-lg bg-brand-50 p-3 text-sm text-brand-900">
          The {cart.count} {cart.count === 1 ? "item" : "items"} in your cart will move into your new account.
        </p>
      ) : null}
      <SignupForm defaultEmail={typeof email === "string" ? email : ""} />
    </div>
  );
}
