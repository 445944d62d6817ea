// The merge policy for a guest cart meeting an account cart at log-in: a pure function, used for
// the log-in page's preview and by the migration itself, so what is shown is what happens.
// Shoppers use carts as wish lists, so nothing is silently dropped: items that don't go into
// the cart go to "saved for later".

import { CartChoice } from "../generated/prisma/enums";

/** What can happen to two carts at log-in: the CartChoice enum of prisma/schema.prisma. */
export const CART_CHOICES = Object.values(CartChoice) as [CartChoice, ...CartChoice[]];
export type { CartChoice };

/** The most of one product a cart line holds: the one home of this rule (cart, merge, pages). */
export const MAX_LINE_QUANTITY = 99;

export type MergeLine = { productId: string; name: string; quantity: number; stock: number };

/** What to read of a cart's lines to plan a merge (a Prisma `include`), and the line it gives. */
export const lineInclude = { include: { product: { select: { name: true, stock: true } } } } as const;
export const toMergeLine = (i: { productId: string; quantity: number; product: { name: string; stock: number } }): MergeLine => ({
  productId: i.productId, name: i.product.name, quantity: i.quantity, stock: i.product.stock,
});
export type PlanLine = { productId: string; name: string; quantity: number };
export type MergePlan = {
  /** The account's cart afterwards. */
  cart: PlanLine[];
  /** Lines that go to the account's saved-for-later list. */
  savedForLater: PlanLine[];
  /** Guest lines that ended up in the cart (new or added to an account line). */
  guestLinesAdded: number;
};

const cap = (quantity: number, stock: number) => Math.min(quantity, stock, MAX_LINE_QUANTITY);
const plain = ({ productId, name, quantity }: MergeLine): PlanLine => ({ productId, name, quantity });

/** Guest lines going into a cart: capped at stock and 99; an out-of-stock line is saved instead. */
function placeGuestLines(guest: MergeLine[], into: Map<string, PlanLine>, saved: PlanLine[]): number {
  let added = 0;
  for (const g of guest) {
    const existing = into.get(g.productId)?.quantity ?? 0;
    const quantity = Math.max(existing, cap(existing + g.quantity, g.stock));
    if (quantity > existing) {
      into.set(g.productId, { productId: g.productId, name: g.name, quantity });
      added++;
    } else if (existing === 0) {
      saved.push(plain(g));
    }
  }
  return added;
}

export function planCartMerge(guest: MergeLine[], account: MergeLine[], choice: CartChoice): MergePlan {
  const saved: PlanLine[] = [];
  if (choice === "keep_account") {
    return { cart: account.map(plain), savedForLater: guest.map(plain), guestLinesAdded: 0 };
  }
  const cart = new Map<string, PlanLine>();
  if (choice === "combine") for (const a of account) cart.set(a.productId, plain(a));
  else saved.push(...account.map(plain)); // use_guest: the account's old items are saved
  const guestLinesAdded = placeGuestLines(guest, cart, saved);
  return { cart: [...cart.values()], savedForLater: saved, guestLinesAdded };
}
