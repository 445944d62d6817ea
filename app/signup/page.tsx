import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignupForm } from "@/components/signup-form";
import { cartOf } from "@/lib/cart/cart";
import { listOrders } from "@/lib/checkout/orders";
import { currentSession } from "@/lib/server/session-cookie";
import { visitorPermissions } from "@/lib/session/request";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignupPage() {
  const session = await currentSession();
  if (session?.type === "authenticated") redirect("/account");
  // Guests narrowed by ANON_PERMISSIONS may have no view_orders: then there are none to show.
  const ownOrders = visitorPermissions(session).includes("view_orders");
  const [cart, orders] = await Promise.all([cartOf(session), ownOrders ? listOrders(session) : []]);
  return (
    <div className="mx-auto max-w-md space-y-6">
      <h1 className="text-3xl font-semibold tracking-tight">Create an account</h1>
      {cart.count > 0 ? (
        <p className="rounded-lg bg-brand-50 p-3 text-sm text-brand-900">
          The {cart.count} {cart.count === 1 ? "item" : "items"} in your cart will move into your new account.
        </p>
      ) : null}
      {orders.length > 0 ? (
        <p className="rounded-lg bg-brand-50 p-3 text-sm text-brand-900">
          Your {orders.length === 1 ? "order" : `${orders.length} orders`} from this visit will be attached to the
          account.
        </p>
      ) : null}
      {/* Prefilled from this guest session's own order: never looked up by e-mail. */}
      <SignupForm defaultEmail={orders[0]?.email ?? ""} />
    </div>
  );
}
