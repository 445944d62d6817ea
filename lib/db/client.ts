import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client";
import { config } from "../config";
import { SYNCHRONOUS } from "./sqlite";

// One Prisma client per process, over one better-sqlite3 connection. WAL mode is set on the
// file when the database is prepared (scripts/prepare-db.ts) and persists; `timeout` is
// SQLite's busy timeout, so a second process waits for a write lock instead of failing.
function createClient() {
  const adapter = oneAtATime(new PrismaBetterSQLite3({ url: config().databaseUrl, timeout: 5_000 }));
  return new PrismaClient({ adapter });
}

type AdapterFactory = PrismaBetterSQLite3;
type Adapter = Awaited<ReturnType<AdapterFactory["connect"]>>;

/** A FIFO lock: `acquire` resolves with the function that lets the next one in. */
function fifoLock() {
  let tail = Promise.resolve();
  return {
    acquire(): Promise<() => void> {
      let release!: () => void;
      const next = new Promise<void>((resolve) => (release = resolve));
      const ready = tail.then(() => release);
      tail = tail.then(() => next);
      return ready;
    },
  };
}

/** Whose turn it is to write: Prisma's connection (a transaction or one query) or a hot write. */
const turns = fifoLock();

/**
 * Waits for the database's write turn, for writes outside Prisma (lib/db/hot-writes.ts): while
 * it is held, no Prisma transaction is open, so SQLite's write lock is free in this process.
 * Never call it inside a Prisma transaction (it would wait for itself).
 */
export const takeWriteTurn = () => turns.acquire();

/**
 * The adapter shares one connection between every request. Its transactions lock each other
 * out, but not single queries: a write from another request, run while a transaction awaits,
 * would land inside that transaction and vanish with its rollback (a declined checkout would
 * undo someone's new session). Here the connection is held by one transaction, or by one single
 * query, at a time. Code inside a transaction must use its `tx`, never `db` (it would wait for
 * itself).
 */
function oneAtATime(factory: AdapterFactory): AdapterFactory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter: Adapter = await connect();
    await adapter.executeRaw({ sql: `PRAGMA synchronous = ${SYNCHRONOUS}`, args: [], argTypes: [] });
    const lock = turns;
    const single = <K extends "queryRaw" | "executeRaw">(method: K) => {
      const run = adapter[method].bind(adapter) as Adapter[K];
      return (async (query: Parameters<Adapter[K]>[0]) => {
        const release = await lock.acquire();
        try {
          return await run(query as never);
        } finally {
          release();
        }
      }) as Adapter[K];
    };
    const begin = adapter.startTransaction.bind(adapter);
    adapter.queryRaw = single("queryRaw");
    adapter.executeRaw = single("executeRaw");
    adapter.startTransaction = async (isolationLevel) => {
      const release = await lock.acquire();
      try {
        const tx = await begin(isolationLevel);
        const [commit, rollback] = [tx.commit.bind(tx), tx.rollback.bind(tx)];
        tx.commit = () => commit().finally(release);
        tx.rollback = () => rollback().finally(release);
        return tx;
      } catch (error) {
        release();
        throw error;
      }
    };
    return adapter;
  };
  return factory;
}

const globalForDb = globalThis as unknown as { passerbyDb?: PrismaClient };

export const db: PrismaClient = globalForDb.passerbyDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.passerbyDb = db;

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
