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

/**
 * Every cart choice's words, in one table: a new CartChoice is a type error here until it has
 * them. `title` and `explain` on the log-in form, `done` in the account's history, `label` on the
 * dashboard.
 */
export const CART_CHOICE_WORDS: Record<CartChoice, { title: string; explain: string; done: string; label: string }> = {
  combine: {
    title: "Combine both carts",
    explain: `This browser's cart joins your account's cart; the same product adds up (up to the stock and ${MAX_LINE_QUANTITY}).`,
    done: "carts combined",
    label: "combine",
  },
  keep_account: {
    title: "Keep your account's cart",
    explain: "Your account's cart stays as it is; the products in this browser's cart are saved for later.",
    done: "kept the account cart",
    label: "keep account's",
  },
  use_guest: {
    title: "Use this browser's cart",
    explain:
      "This browser's cart becomes your account's cart; the products that were in your account's cart are saved for later.",
    done: "used the guest cart",
    label: "use guest's",
  },
};

export type MergeLine = { productId: string; name: string; quantity: number; stock: number };

/** What to read of a cart's lines to plan a merge (a Prisma `include`), and the line it gives. */
export const lineInclude = { include: { product: { select: { name: true, stock: true } } } } as const;
export const toMergeLine = (i: {
  productId: string;
  quantity: number;
  product: { name: string; stock: number };
}): MergeLine => ({
  productId: i.productId,
  name: i.product.name,
  quantity: i.quantity,
  stock: i.product.stock,
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

function planByPolicy(guest: MergeLine[], account: MergeLine[], choice: CartChoice): MergePlan {
  const saved: PlanLine[] = [];
  const cart = new Map<string, PlanLine>();
  switch (choice) {
    case "keep_account":
      return { cart: account.map(plain), savedForLater: guest.map(plain), guestLinesAdded: 0 };
    case "combine":
      for (const a of account) cart.set(a.productId, plain(a));
      break;
    case "use_guest":
      saved.push(...account.map(plain)); // the account's old items are saved
      break;
    default:
      throw new Error(`No merge policy for the cart choice ${choice satisfies never}.`); // a new choice fails to compile first
  }
  const guestLinesAdded = placeGuestLines(guest, cart, saved);
  return { cart: [...cart.values()], savedForLater: saved, guestLinesAdded };
}

/**
 * What the shopper may choose for one product found in both carts, overriding the policy:
 * - `sum`: both quantities added up in the cart (up to the stock and MAX_LINE_QUANTITY);
 * - `guest`: this browser's quantity in the cart, the account's saved for later;
 * - `account`: the account's quantity in the cart, this browser's saved for later;
 * - `save`: neither in the cart, both saved for later.
 */
export const LINE_CHOICES = ["sum", "guest", "account", "save"] as const;
export type LineChoice = (typeof LINE_CHOICES)[number];
export type LineChoices = Partial<Record<string, LineChoice>>;

/** The products found in both carts: the ones a line choice may name. */
export const sharedProducts = (guest: MergeLine[], account: MergeLine[]) =>
  guest.filter((g) => account.some((a) => a.productId === g.productId)).map((g) => g.productId);

/** One product's override, as cart and saved-for-later lines. */
function planLine(
  g: MergeLine,
  a: MergeLine,
  choice: LineChoice,
): { cart: PlanLine | null; saved: PlanLine[]; guestAdded: boolean } {
  const line = (quantity: number): PlanLine => ({ productId: g.productId, name: g.name, quantity });
  switch (choice) {
    case "sum": {
      const quantity = Math.max(a.quantity, cap(a.quantity + g.quantity, g.stock));
      return { cart: line(quantity), saved: [], guestAdded: quantity > a.quantity };
    }
    case "guest": {
      const quantity = cap(g.quantity, g.stock);
      return quantity > 0
        ? { cart: line(quantity), saved: [plain(a)], guestAdded: true }
        : { cart: null, saved: [plain(g), plain(a)], guestAdded: false };
    }
    case "account":
      return { cart: plain(a), saved: [plain(g)], guestAdded: false };
    case "save":
      return { cart: null, saved: [line(Math.min(g.quantity + a.quantity, MAX_LINE_QUANTITY))], guestAdded: false };
  }
}

/**
 * The plan for two carts meeting at log-in: the chosen policy for every product, except those in
 * both carts that the shopper chose for line by line (`lineChoices`, by product id). The preview
 * and the migration both call this, so what the page shows is what happens.
 */
export function planCartMerge(
  guest: MergeLine[],
  account: MergeLine[],
  choice: CartChoice,
  lineChoices: LineChoices = {},
): MergePlan {
  const overridden = new Set(sharedProducts(guest, account).filter((id) => lineChoices[id] !== undefined));
  if (overridden.size === 0) return planByPolicy(guest, account, choice);
  const plan = planByPolicy(
    guest.filter((g) => !overridden.has(g.productId)),
    account.filter((a) => !overridden.has(a.productId)),
    choice,
  );
  for (const a of account.filter((l) => overridden.has(l.productId))) {
    const g = guest.find((l) => l.productId === a.productId)!;
    const { cart, saved, guestAdded } = planLine(g, a, lineChoices[a.productId]!);
    if (cart) plan.cart.push(cart);
    plan.savedForLater.push(...saved);
    if (guestAdded) plan.guestLinesAdded++;
  }
  return plan;
}
