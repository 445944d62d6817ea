import { z } from "zod";
import { confirmPassword } from "./account";
import { db } from "../db/client";
import { DomainError } from "../errors";
import { cardInput, checkCard } from "../checkout/payments";
import { requireScope } from "../permissions";
import { requireMember, type Session } from "../session/types";

// Saved cards for members: brand, last four and expiry only. Saving one asks for the password
// again, so a session left open on a shared computer cannot add a card.

export const addPaymentMethodInput = z.strictObject({
  card: cardInput,
  password: z
    .string({ error: "Enter your password to save a card." })
    .min(1, "Enter your password to save a card.")
    .max(200),
});

export const paymentMethodRef = z.strictObject({ id: z.string().min(1).max(64) });

function member(session: Session | null) {
  const signedIn = requireMember(session, "Guests can't save cards. Create an account to save one.");
  requireScope(signedIn.permissions, "save_payment_method");
  return signedIn;
}

export async function addPaymentMethod(session: Session | null, input: z.infer<typeof addPaymentMethodInput>) {
  const s = member(session);
  await confirmPassword(s, input.password, "password", "That password is not right, so the card was not saved.");
  const card = checkCard(input.card);
  const saved = await db.paymentMethod.create({
    data: { userId: s.userId, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear },
  });
  return { id: saved.id, brand: saved.brand, last4: saved.last4, expMonth: saved.expMonth, expYear: saved.expYear };
}

export async function listPaymentMethods(session: Session | null) {
  if (session?.type !== "authenticated") return [];
  return db.paymentMethod.findMany({
    where: { userId: session.userId },
    select: { id: true, brand: true, last4: true, expMonth: true, expYear: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function removePaymentMethod(session: Session | null, id: string): Promise<void> {
  const s = member(session);
  const { count } = await db.paymentMethod.deleteMany({ where: { id, userId: s.userId } });
  if (count === 0) throw new DomainError("not_found", "That saved card was not found.");
}
