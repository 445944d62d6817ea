"use server";

import { redirect } from "next/navigation";
import { checkOut, checkoutInput } from "@/lib/checkout/checkout";
import { formAction } from "@/lib/server/form-action";

export const checkoutAction = formAction(
  checkoutInput,
  async (ctx, input) => {
    const order = await checkOut(ctx, input);
    redirect(`/orders/${order.id}`);
  },
  {
    // The form offers saved cards beside "a new card" (paymentMethodId "new"): only one is sent on.
    read: ({ paymentMethodId, card, ...fields }) =>
      paymentMethodId && paymentMethodId !== "new" ? { ...fields, paymentMethodId } : { ...fields, card: card ?? {} },
  },
);
