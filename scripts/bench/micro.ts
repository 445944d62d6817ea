// Micro-benchmarks of the session and migration code, in this process, on the bench's database
// with the server stopped: what a session check, a migration and a checkout cost without HTTP.
import { timeEach, type Micro } from "./load";
import { DEMO_ORDER, type Db } from "./prepared";

export const MICRO_RUNS = 40;

export async function microBenchmarks(db: Db, benchProducts: { id: string }[]): Promise<Micro[]> {
  const { createGuestSession } = await import("../../lib/session/lifecycle");
  const { resolveSession } = await import("../../lib/session/check");
  const { migrateGuestSession } = await import("../../lib/cart/migration");
  const { placeOrder } = await import("../../lib/checkout/checkout");
  const { sealData, unsealData } = await import("iron-session");
  const password = process.env.SESSION_SECRET!;
  const payload = { sid: "guest_benchbenchbenchbenchbe", type: "anonymous", exp: Date.now() + 86_400_000 };
  const sealed = await sealData(payload, { password, ttl: 86_400 });
  const micro: Micro[] = [];
  const add = (name: string, medianMs: number) => micro.push({ name, medianMs, runs: MICRO_RUNS });

  add(
    "seal a session cookie",
    await timeEach(
      MICRO_RUNS,
      async () => null,
      () => sealData(payload, { password, ttl: 86_400 }),
    ),
  );
  add(
    "unseal a session cookie",
    await timeEach(
      MICRO_RUNS,
      async () => null,
      () => unsealData(sealed, { password }),
    ),
  );
  add(
    "session check, first sight (unseal + row)",
    await timeEach(
      MICRO_RUNS,
      async () => (await createGuestSession()).seal,
      (seal) => resolveSession(seal),
    ),
  );
  const { seal: known } = await createGuestSession();
  await resolveSession(known);
  add(
    "session check, seal seen before (row only)",
    await timeEach(
      MICRO_RUNS,
      async () => known,
      (seal) => resolveSession(seal),
    ),
  );

  let n = 0;
  add(
    "migration of a 100-line cart",
    await timeEach(
      MICRO_RUNS,
      async () => {
        const { session: guest } = await createGuestSession();
        const cart = await db.cart.create({ data: { guestSessionId: guest.id } });
        await db.cartItem.createMany({
          data: benchProducts.map((p) => ({ cartId: cart.id, productId: p.id, quantity: 1 })),
        });
        const user = await db.user.create({ data: { email: `micro${++n}@bench.test`, passwordHash: "x" } });
        return { guestSessionId: guest.id, userId: user.id };
      },
      async (ids) => {
        const summary = await migrateGuestSession({ ...ids, kind: "signup" });
        if (summary?.cartItems !== 100) throw new Error("The migration did not move 100 lines.");
      },
    ),
  );
  add(
    "one checkout transaction (2 lines)",
    await timeEach(
      MICRO_RUNS,
      async () => {
        const { seal, session: guest } = await createGuestSession();
        const cart = await db.cart.create({ data: { guestSessionId: guest.id } });
        await db.cartItem.createMany({
          data: benchProducts.slice(0, 2).map((p) => ({ cartId: cart.id, productId: p.id, quantity: 1 })),
        });
        return (await resolveSession(seal)).session;
      },
      (guest) => placeOrder(guest, DEMO_ORDER),
    ),
  );
  const { flushEvents } = await import("../../lib/journeys/events");
  await flushEvents(); // the checkouts above recorded events; write them before the database goes
  return micro;
}
