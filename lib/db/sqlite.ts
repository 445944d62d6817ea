import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { config } from "../config";
import { databaseFile } from "../database-url";
import type { Param, Sql, SqlEngine } from "./engine";

// SQLite: the embedded default. Besides Prisma's connection, two better-sqlite3 connections for
// the hot path (./sql.ts): one writes (and reads while it is not writing), one reads while a
// write is open. In WAL mode that reader sees committed writes only, so a hot write that is
// rolled back was never seen (readOn, below). This is the one place besides Prisma
// that knows how SQLite stores values (dates as ISO text, booleans as 0/1).

/**
 * With WAL, NORMAL syncs the log at checkpoints instead of at every commit: a commit survives the
 * process crashing, and only an operating-system crash or power loss can lose the last ones.
 * It is set on every connection: it is not stored in the file.
 */
const SYNCHRONOUS = "NORMAL";

/** After a checkpoint the log is cut back to this size: a long sweep must not leave it at gigabytes. */
const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

/** The checkpointing thread (./sqlite-checkpointer.cjs), once started. */
let checkpointer: Worker | null = null;
/** Whether this process's connections leave checkpoints to that thread (the server's do). */
let checkpointsOff = false;

function checkpointerThread(): Worker {
  if (!checkpointer) {
    checkpointer = new Worker(path.join(process.cwd(), "lib", "db", "sqlite-checkpointer.cjs"), {
      workerData: { file: databaseFile(config().databaseUrl), intervalMs: 250, journalSizeLimit: JOURNAL_SIZE_LIMIT },
    });
    checkpointer.unref();
    checkpointer.on("error", (error) => console.error("[passerby] the checkpointer stopped:", error.message));
  }
  return checkpointer;
}

/**
 * Starts the checkpointing thread, which copies the write-ahead log into the database file four
 * times a second, and turns automatic checkpoints off on this process's connections: a request's
 * commit never copies the log, whoever wrote it. The server calls it at start-up
 * (instrumentation.ts), before any connection opens.
 */
export function startCheckpointer(): void {
  if (globalForSqlite.passerbySqlite) return; // too late to change the connections
  checkpointsOff = true;
  checkpointerThread();
}

/**
 * Between two batches of the sweep: the checkpointing thread copies the log and, once it is past
 * a few megabytes, starts it over (a RESTART checkpoint). With shoppers writing between batches
 * the log is otherwise never all copied at a moment a write begins, so it never starts over and
 * grows by gigabytes.
 */
async function restartLog(): Promise<void> {
  const thread = checkpointerThread();
  thread.ref(); // this process waits for the answer
  try {
    await new Promise<void>((resolve) => {
      const done = () => {
        thread.off("message", done).off("exit", done);
        resolve();
      };
      thread.on("message", done).on("exit", done); // a thread that died answers nothing
      thread.postMessage("restart");
    });
  } finally {
    thread.unref();
  }
}

/** A date as Prisma stores DateTime in SQLite (ISO 8601 text, "+00:00"), so both sort and compare alike. */
export const sqliteDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

const toSqlite = (value: Param) =>
  value instanceof Date ? sqliteDate(value) : typeof value === "boolean" ? Number(value) : value;

type Statements = Map<string, Database.Statement>;
type Connections = {
  read: Database.Database;
  write: Database.Database;
  statements: { read: Statements; write: Statements };
};
const globalForSqlite = globalThis as unknown as { passerbySqlite?: Connections };

function connections(): Connections {
  if (!globalForSqlite.passerbySqlite) {
    const open = () => {
      const connection = new Database(databaseFile(config().databaseUrl), { fileMustExist: true, timeout: 5_000 });
      connection.pragma(`synchronous = ${SYNCHRONOUS}`);
      connection.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
      if (checkpointsOff) connection.pragma("wal_autocheckpoint = 0");
      return connection;
    };
    const write = open();
    write.pragma("busy_timeout = 0"); // waiting for another process's lock: beginWrite, below
    globalForSqlite.passerbySqlite = { read: open(), write, statements: { read: new Map(), write: new Map() } };
  }
  return globalForSqlite.passerbySqlite;
}

/** A statement on one connection, prepared once per process. */
function prepared(connection: "read" | "write", sql: string): Database.Statement {
  const c = connections();
  let statement = c.statements[connection].get(sql);
  if (!statement) {
    statement = c[connection].prepare(sql);
    c.statements[connection].set(sql, statement);
  }
  return statement;
}

/**
 * Where a read runs: on the write connection while no hot write is open on it, else on the read
 * connection. A connection's page cache is emptied whenever another connection has written, so
 * after a write the write connection reads from its cache while the read connection rereads every
 * page: half the cost, measured, of a session and cart read that follows a write. A hot write
 * is open across awaits, and what it has not committed must stay unseen: then the read connection.
 */
const readOn = (): "read" | "write" => (connections().write.inTransaction ? "read" : "write");

/** The statements of the reads, or of the hot writes (which run on the write connection only). */
function sqlOn(role: "read" | "write"): Sql {
  const statement = (sql: string) => prepared(role === "read" ? readOn() : "write", sql);
  return {
    get: async (sql, ...params) => statement(sql).get(...params.map(toSqlite)) as never,
    all: async (sql, ...params) => statement(sql).all(...params.map(toSqlite)) as never,
    run: async (sql, ...params) => statement(sql).run(...params.map(toSqlite)).changes,
  };
}

/** How many hot writes this process has committed (rememberingSql then forgets without asking). */
let hotCommits = 0;

/** How many answers the remembered reads keep at most: past it they start over. */
const REMEMBERED_ANSWERS = 10_000;

/**
 * Reads answered from memory while the database is unchanged. `PRAGMA data_version` on the read
 * connection, which never writes, changes as soon as any other connection (this process's write
 * and Prisma connections, another process's) has committed: then every answer is forgotten. It
 * is read before the statement runs, so a commit that lands in between makes the answer older
 * than it is, never newer. Under load the check costs half the statement it saves (a session row
 * with its cart: 37 µs, measured in the server), since either must take a read lock first.
 * Answers are frozen: callers build their own values from them, and may keep those beside the
 * answer while it lasts (lib/session/store.ts keeps the decoded session row).
 */
function rememberingSql(read: Sql): Sql {
  // By statement, then by parameters: a statement's text is the same string on every call, its
  // hash computed once, so a lookup hashes only the short parameters, not a 450-character key.
  const answers = new Map<string, Map<string, unknown>>();
  let remembered = 0;
  let version: unknown;
  let commitsSeen = hotCommits;
  const forget = () => {
    answers.clear();
    remembered = 0;
  };
  const recall = async <T>(run: () => Promise<T>, sql: string, params: Param[]): Promise<T> => {
    if (commitsSeen !== hotCommits) {
      // A hot write of this process committed since: every answer is stale, which data_version
      // would only confirm (a write route's check always lands here). Not kept: its version is unknown.
      commitsSeen = hotCommits;
      forget();
      version = undefined;
      return deepFreeze(await run());
    }
    const seen = prepared("read", "PRAGMA data_version").pluck().get();
    if (seen !== version || remembered >= REMEMBERED_ANSWERS) {
      forget();
      version = seen;
    }
    const key = JSON.stringify(params);
    const bySql = answers.get(sql);
    if (bySql?.has(key)) return bySql.get(key) as T;
    const answer = deepFreeze(await run());
    if (version === seen) {
      // else a newer version came meanwhile
      if (bySql) bySql.set(key, answer);
      else answers.set(sql, new Map([[key, answer]]));
      remembered++;
    }
    return answer;
  };
  return {
    get: (sql, ...params) => recall(() => read.get(sql, ...params), sql, params),
    all: (sql, ...params) => recall(() => read.all(sql, ...params), sql, params),
    run: () => Promise.reject(new Error("The remembered reads do not write.")),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

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

/**
 * Whose turn it is to write in this process: Prisma's connection (a transaction or one query) or
 * a hot write. SQLite has one write lock per file; waiting for it here, in turn, is cheap, while
 * waiting in SQLite's busy handler would block the event loop.
 */
const turns = fifoLock();

let engine: SqlEngine | undefined;

/** How long a hot write waits for another process (a sweep, a script) to let go of the lock. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * BEGIN IMMEDIATE, trying again every millisecond while another process holds the write lock.
 * SQLite's own busy handler would block the event loop, and its back-off (up to 100 ms between
 * tries) lets a process writing batch after batch, like the sweep, keep the lock for seconds.
 */
async function beginWrite(): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      prepared("write", "BEGIN IMMEDIATE").run();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
}

export function sqliteEngine(): SqlEngine {
  const writer = sqlOn("write");
  const read = sqlOn("read");
  engine ??= {
    read,
    remembered: rememberingSql(read),
    settle: restartLog,
    async write(work) {
      const release = await turns.acquire();
      const connection = connections().write;
      try {
        await beginWrite();
        try {
          const result = await work(writer);
          prepared("write", "COMMIT").run();
          hotCommits++;
          return result;
        } catch (error) {
          if (connection.inTransaction) connection.exec("ROLLBACK");
          throw error;
        }
      } finally {
        release();
      }
    },
  };
  return engine;
}

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * Prisma's adapter over its own connection, shared by every request. Its transactions lock each
 * other out, but not single queries: a write from another request, run while a transaction
 * awaits, would land inside that transaction and vanish with its rollback (a declined checkout
 * would undo someone's new session). Here the connection is held by one transaction, or by one
 * single query, at a time, in turn with the hot writes. Code inside a transaction must use its
 * `tx`, never `db` (it would wait for itself). `timeout` is SQLite's busy timeout, for another
 * process holding the lock.
 */
export function sqlitePrismaAdapter(): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3({ url: config().databaseUrl, timeout: 5_000 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter: Adapter = await connect();
    await adapter.executeRaw({ sql: `PRAGMA synchronous = ${SYNCHRONOUS}`, args: [], argTypes: [] });
    if (checkpointsOff) await adapter.executeRaw({ sql: "PRAGMA wal_autocheckpoint = 0", args: [], argTypes: [] });
    const single = <K extends "queryRaw" | "executeRaw">(method: K) => {
      const run = adapter[method].bind(adapter) as Adapter[K];
      return (async (query: Parameters<Adapter[K]>[0]) => {
        const release = await turns.acquire();
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
      const release = await turns.acquire();
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
