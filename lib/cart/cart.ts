import { z } from "zod";
import { MAX_LINE_QUANTITY } from "./merge";
import { config } from "../config";
import type { Ctx } from "../session/context";
import { convert, lineTotal, type Currency, type Money } from "../catalog/currency";
import { addToLine, lineQuantity, lockCart, placeLineBefore, productForCart, setLineQuantity } from "./store";
import { hotWrite } from "../db/sql";
import { hot, type Sql } from "../db/sql";
import { cartItemCount, cartLine, cartLines } from "./store";
import { DomainError, notFound } from "../errors";
import { recordEvent } from "../journeys/events";
import { requireScope } from "../permissions";
import { currencyOf } from "../session/preferences-model";
import { hitAll, hitAllThen } from "../limits/rate-limit";
import { ownerOf, type Owner, type Session } from "../session/types";
import { startGuestSession, visitorPermissions } from "../session/request";

// Cart rules, in one place for pages and the JSON API: whole quantities from 1 to 99, never
// more than the stock, prices always read from the database.

const quantity = (min: number) =>
  z
    .number({ error: "quantity must be a whole number." })
    .int("quantity must be a whole number.")
    .min(min, `quantity must be at least ${min}.`)
    .max(MAX_LINE_QUANTITY, `quantity can be at most ${MAX_LINE_QUANTITY}.`);

// Input objects are strict throughout: an unknown field is refused, never silently ignored
// (a typo such as "quantiy" would otherwise add one item instead of the number meant).
export const addItemInput = z
  .strictObject({
    productId: z.string().min(1).max(64).optional(),
    slug: z.string().min(1).max(120).optional(),
    quantity: quantity(1).default(1),
  })
  .refine((v) => v.productId || v.slug, { message: "Give a productId or a slug.", path: ["productId"] });
export const setQuantityInput = z.strictObject({ quantity: quantity(0) });
/** A cart line named by its product, as the cart page's forms send it. */
export const lineInput = z.strictObject({ productId: z.string().min(1).max(64) });
export const lineQuantityInput = lineInput.extend(setQuantityInput.shape);

export type CartLine = {
  productId: string;
  slug: string;
  name: string;
  image: string;
  quantity: number;
  stock: number;
  unitPrice: Money;
  lineTotal: Money;
};
export type CartView = { items: CartLine[]; subtotal: Money; count: number };

/** Who owns a cart: a guest session or an account. */
export type CartOwner = Owner;

// The cart's reads run on nearly every cart request: typed prepared reads (./store.ts).
export { ownerOf };

const outOfStock = (name: string, stock: number) =>
  new DomainError(
    "out_of_stock",
    stock <= 0 ? `${name} is out of stock.` : `Only ${stock} of ${name} ${stock === 1 ? "is" : "are"} in stock.`,
  );

async function productToAdd(sql: Sql, input: z.infer<typeof addItemInput>) {
  const product = await productForCart(sql, input);
  if (!product) throw notFound("That product does not exist.");
  return product;
}

/** Refuses a line of `wanted` units beyond the per-line cap or the stock. */
function assertFits(product: { name: string; stock: number }, wanted: number) {
  if (wanted > MAX_LINE_QUANTITY) {
    throw new DomainError("invalid_input", `You can have at most ${MAX_LINE_QUANTITY} of one product in your cart.`);
  }
  if (wanted > product.stock) throw outOfStock(product.name, product.stock);
}

// Cart writes are one hot write each (./store.ts): the reads, the checks and the
// write in one transaction, with the cart locked first, so two requests can never both fit
// under the cap, and a refusal (thrown inside) writes nothing, not even the cart.

async function addItemIn(tx: Sql, owner: CartOwner, input: z.infer<typeof addItemInput>, now: Date): Promise<void> {
  const cart = await lockCart(tx, owner, now);
  if ((await addToLine(tx, cart, input, input.quantity, MAX_LINE_QUANTITY, now)) !== undefined) return;
  // Refused: the reads that say why happen on this path only.
  const product = await productToAdd(tx, input);
  assertFits(product, (await lineQuantity(tx, cart, product.id)) + input.quantity);
  // Reached only when the stock changed between the add and these reads (on PostgreSQL, a checkout).
  throw outOfStock(product.name, product.stock);
}

async function setQuantityIn(tx: Sql, owner: CartOwner, productId: string, qty: number): Promise<void> {
  if (await setLineQuantity(tx, owner, productId, qty)) return;
  // Refused: the read that says why happens on this path only.
  const line = await cartLine(owner, productId, tx);
  if (!line) throw new DomainError("not_in_cart");
  throw outOfStock(line.name, line.stock);
}

export const addItem = (owner: CartOwner, input: z.infer<typeof addItemInput>, now = new Date()): Promise<void> =>
  hotWrite((tx) => addItemIn(tx, owner, input, now));

/** Sets a line's quantity; 0 removes it. */
export const setItemQuantity = (owner: CartOwner, productId: string, qty: number): Promise<void> =>
  hotWrite((tx) => setQuantityIn(tx, owner, productId, qty));

export const removeItem = (owner: CartOwner, productId: string) => setItemQuantity(owner, productId, 0);

export async function readCart(owner: CartOwner | null, currency: Currency): Promise<CartView> {
  const items: CartLine[] = (owner ? await cartLines(owner) : []).map((r) => ({
    productId: r.productId,
    slug: r.slug,
    name: r.name,
    image: r.image,
    quantity: r.quantity,
    stock: r.stock,
    unitPrice: convert(r.priceCents, currency),
    lineTotal: lineTotal(r.priceCents, r.quantity, currency),
  }));
  return {
    items,
    subtotal: { amount: items.reduce((sum, i) => sum + i.lineTotal.amount, 0), currency },
    count: items.reduce((sum, i) => sum + i.quantity, 0),
  };
}

// ---- The operations behind both the server actions and the route handlers ----

type CartWrite = (tx: Sql, owner: CartOwner) => Promise<void>;

/**
 * Counts a cart write against the client address's per-minute limit, then the session's, so
 * dropping the cookie for a fresh session buys no new allowance. With no session, a guest session
 * is started between the two: after the address's limit, so a refused write leaves no session.
 * A `write` given runs in the same transaction as the session's hit (hitAllThen); `onStart`, in
 * the one that starts a session, when one is started (startGuestSession's `alsoIn`).
 */
export async function countCartWrite(
  ctx: Ctx,
  write?: CartWrite,
  onStart?: (tx: Sql) => Promise<void>,
): Promise<Session> {
  const { session } = ctx;
  const limits = config().rateLimits;
  const address = { limit: "cart_writes_ip", subject: ctx.network, max: limits.cartWritesPerIp } as const;
  const bySession = (s: Session) => ({ limit: "cart_writes", subject: s.id, max: limits.cartWrites }) as const;
  const then = (s: Session) => (write ? (tx: Sql) => write(tx, ownerOf(s)) : null);
  if (session) {
    await hitAllThen([address, bySession(session)], then(session));
    return session;
  }
  await hitAll([address]);
  const created = await startGuestSession(ctx, onStart);
  await hitAllThen([bySession(created)], then(created));
  return created;
}

/** Adds to the visitor's cart, starting a guest session when there is none. */
export async function addToCart(ctx: Ctx, input: z.infer<typeof addItemInput>): Promise<Session> {
  requireScope(visitorPermissions(ctx.session), "add_to_cart");
  // A first write that will be refused (an unknown product, more than the stock) starts no session.
  if (!ctx.session) assertFits(await productToAdd(hot(), input), input.quantity);
  const session = await countCartWrite(ctx, (tx, owner) => addItemIn(tx, owner, input, ctx.now));
  await recordEvent("cart_add", session, { product: input.slug ?? input.productId, quantity: input.quantity });
  return session;
}

/** "Undo" after a removal: the line comes back with its quantity, before the line that followed it. */
export const undoRemoveInput = lineInput.extend({
  quantity: addItemInput.shape.quantity,
  before: z.string().min(1).max(64).optional(),
});

export async function undoRemove(ctx: Ctx, { productId, quantity, before }: z.infer<typeof undoRemoveInput>) {
  const session = await addToCart(ctx, { productId, quantity });
  if (before) await hotWrite((tx) => placeLineBefore(tx, ownerOf(session), productId, before));
  return session;
}

export async function changeCartQuantity(ctx: Ctx, productId: string, qty: number): Promise<Session> {
  requireScope(visitorPermissions(ctx.session), "add_to_cart");
  if (!ctx.session) throw new DomainError("not_in_cart");
  const session = await countCartWrite(ctx, (tx, owner) => setQuantityIn(tx, owner, productId, qty));
  await recordEvent(qty === 0 ? "cart_remove" : "cart_update", session, { product: productId, quantity: qty });
  return session;
}

export const cartOf = (session: Session | null): Promise<CartView> =>
  readCart(session ? ownerOf(session) : null, currencyOf(session));

/** How many items are in the session's cart, for the header. */
export const cartCount = async (session: Session): Promise<number> => cartItemCount(ownerOf(session));
