"use server";

import { redirect } from "next/navigation";
import { type ActionState, failed, formOf } from "@/lib/action-state";
import { checkOut, checkoutInput } from "@/lib/checkout";

const KEPT = ["email", "name", "address.line1", "address.line2", "address.city", "address.postalCode", "address.country", "card.expMonth", "card.expYear"];

export async function checkoutAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = formOf(form);
  const get = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" ? value : undefined;
  };
  // Everything typed comes back on an error, except the card number and the CVC.
  const values = Object.fromEntries(KEPT.map((k) => [k, get(k) ?? ""]));
  let orderId: string;
  try {
    const savedCard = get("paymentMethodId");
    const input = checkoutInput.parse({
      email: get("email"),
      name: get("name"),
      address: {
        line1: get("address.line1"), line2: get("address.line2"), city: get("address.city"),
        postalCode: get("address.postalCode"), country: get("address.country"),
      },
      ...(savedCard && savedCard !== "new"
        ? { paymentMethodId: savedCard }
        : { card: { number: get("card.number"), expMonth: get("card.expMonth"), expYear: get("card.expYear"), cvc: get("card.cvc") } }),
    });
    orderId = (await checkOut(input)).id;
  } catch (error) {
    return failed(error, values);
  }
  redirect(`/orders/${orderId}`);
}
